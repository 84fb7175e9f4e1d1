"""Tariff-review monitoring analyses MA-TAR-014 … MA-TAR-025: windowed patterns, told as stories.

A monitoring analysis looks at a window (30, 90 or 180 days), so each scenario is a *pattern* of many objects: the
30 slow reviews of one officer, the 30 entries of one enterprise mostly reviewed by one officer, a queue skipped
ten times, an officer who moved and kept his enterprises. Every story is anchored on the business day it is
labelled and delivers on that day every row it needs, its history included (entries declared up to 200 days
before), so a warehouse that starts on that day sees the whole pattern. Stories reuse the entry, staff and
calendar helpers of tax_valuation (clean imports: declaration, review, acceptance, tax, release). Each bad story
crosses its threshold clearly; each near miss stays just inside it (one entry short, a share just under, a term of
exactly the limit).

Keys of this module (no collision with the other domains):
  * entries: sequence numbers 930000–939999 = 930000 + (anchor ordinal % 10) * 1000 + kind * 80 + n (n < 80);
  * synthetic officers (for the post-change stories MA-TAR-024/025): <subordinate>M<3 digits>, added to the
    officer and officer_post_assignment snapshots every day;
  * exemption certificates: the tax_valuation numbering with slots 97/98 (tax_valuation uses slots < 64).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from customs_risk.generator.clearance import Emit
from customs_risk.generator.context import DayContext
from customs_risk.generator.domains.tax_valuation import (
    GOODS,
    PLAIN_GOODS,
    ZERO_DUTY_GOODS,
    Calendar,
    Entry,
    Plan,
    Staff,
    Story,
    _certificate,
    _guarantee_entry,
    _traders,
    at,
    local,
    minutes,
    money,
)
from customs_risk.generator.organisation import ORG_START, Organisation, Section, module_enterprise

STREAM = "ma_tariff_review_b"
SEQ_BASE = 930_000
PER_KIND = 80
EPOCH = date(2000, 1, 1)


def period_start(d: date, days: int) -> date:
    """First day of the fixed analysis period holding d (the dbt macro ma_period_start)."""
    return d - timedelta(days=(d - EPOCH).days % days)


@dataclass
class MPlan(Plan):
    """A tax_valuation Plan whose entries take this module's sequence numbers."""

    counter: int = 0
    org: Organisation | None = None

    def entry(self, declare_ts: datetime, sub: str | None = None, company: dict | None = None, **kwargs) -> Entry:
        """An entry of this story, declared at `sub` (default: the plan's customs) and handled by that customs'
        officers."""
        assert self.counter < PER_KIND, "too many entries in one story"
        seq = SEQ_BASE + (self.anchor.toordinal() % 10) * 1000 + self.kind * PER_KIND + self.counter
        self.counter += 1
        sub = sub or self.sub
        staff = self.staff if sub == self.sub or self.org is None else Staff.draw(self.org, sub, self.rng)
        return Entry(self.story, sub, seq, declare_ts, company or self.company, self.broker, staff, **kwargs)


@dataclass
class World:
    org: Organisation
    subs: list[str]
    pool: list[dict]  # traders of the district, in a fixed order
    cal: Calendar
    anchor: date

    def company(self, k: int) -> dict:
        """The k-th trader of the pool (wrapping when the district has fewer): each scenario takes its own."""
        return self.pool[k % len(self.pool)]

    def clearance(self, i: int) -> Section:
        return self.org.section_for(self.subs[i % len(self.subs)], "clearance", "REVIEW")

    def tariff(self, i: int) -> Section:
        return self.org.section_for(self.subs[i % len(self.subs)], "tariff_review", "TAX")

    def reviewers(self, i: int) -> list[str]:
        return [o.officer_id for o in self.clearance(i).officers["REVIEW"]]

    def workdays(self, first_back: int, last_back: int) -> list[date]:
        """Working days from anchor − first_back to anchor − last_back (first_back > last_back), oldest first."""
        days = [self.anchor - timedelta(days=n) for n in range(first_back, last_back - 1, -1)]
        return [d for d in days if self.cal.is_workday(d)]


def synthetic_officers(
    org: Organisation, biz_date: date
) -> list[tuple[str, list[tuple[str, Section, date, date | None]]]]:
    """Officers who changed post (MA-TAR-024/025), as (officer_id, [(post, section, start, end)]); their moves are
    dated relative to the business day, so every day's snapshot shows a recent move."""
    subs = sorted({s.subordinate_code for s in org.sections})
    if len(subs) < 3:
        return []

    def clr(sub: str) -> Section:
        return org.section_for(sub, "clearance", "REVIEW")

    def tar(sub: str) -> Section:
        return org.section_for(sub, "tariff_review", "TAX")

    moved = biz_date - timedelta(days=39)  # MA-TAR-024: left REVIEW for TAX in the same customs
    follow = biz_date - timedelta(days=60)  # MA-TAR-025: REVIEW moved to another customs
    return [
        (
            f"{subs[0]}M001",
            [("REVIEW", clr(subs[0]), ORG_START, moved - timedelta(days=1)), ("TAX", tar(subs[0]), moved, None)],
        ),
        (
            f"{subs[1]}M002",
            [("REVIEW", clr(subs[1]), ORG_START, moved - timedelta(days=1)), ("TAX", tar(subs[1]), moved, None)],
        ),
        (
            f"{subs[0]}M003",
            [("REVIEW", clr(subs[0]), ORG_START, follow - timedelta(days=1)), ("REVIEW", clr(subs[1]), follow, None)],
        ),
        (
            f"{subs[2]}M004",
            [("REVIEW", clr(subs[2]), ORG_START, follow - timedelta(days=1)), ("REVIEW", clr(subs[1]), follow, None)],
        ),
    ]


def follower_enterprises(org: Organisation) -> list[dict]:
    """The enterprises of the MA-TAR-025 stories (bad, clean): this module's own, so that no other module's clean
    declarations dilute the shares the story sets up."""
    return own_enterprises(org, "025", 2)


def refund_enterprises(org: Organisation) -> list[dict]:
    """The importers of the MA-TAR-017 refunds, one refund each: other checks that count refunds per enterprise
    (MA-TAR-010) see no pile-up."""
    return own_enterprises(org, "017", 40)


def own_enterprises(org: Organisation, story: str, n: int) -> list[dict]:
    district = org.sections[0].district_code
    return [module_enterprise(f"MTB{story}{k:04d}", f"随迁贸易有限公司{k:04d}", district) for k in range(1, n + 1)]


def reference_rows(org: Organisation, biz_date: date) -> list[tuple[str, dict]]:
    own = follower_enterprises(org) + refund_enterprises(org)
    rows: list[tuple[str, dict]] = [("enterprise", e) for e in own]
    for officer_id, assignments in synthetic_officers(org, biz_date):
        rows.append(
            (
                "officer",
                {
                    "officer_id": officer_id,
                    "name_zh": f"调岗关员{officer_id[-3:]}",
                    "person_id_hash": hashlib.sha256(f"id-card-{officer_id}".encode()).hexdigest(),
                    "section_unit_code": assignments[-1][1].unit_code,
                    "title": "officer",
                    "hire_date": date(2010, 1, 1),
                    "exit_date": None,
                    "status": "active",
                },
            )
        )
        for post, section, start, end in assignments:
            rows.append(
                (
                    "officer_post_assignment",
                    {
                        "officer_id": officer_id,
                        "post_code": post,
                        "section_unit_code": section.unit_code,
                        "start_date": start,
                        "end_date": end,
                    },
                )
            )
    return rows


# --------------------------------------------------------------------------------------------- entry helpers


def reviewed_entry(
    p: MPlan,
    day: date,
    reviewer: str,
    section: Section,
    *,
    queued_at: tuple[int, int] = (9, 0),
    claim_after: int = 5,
    review_minutes: int = 25,
    company: dict | None = None,
    sub: str | None = None,
    code: str | None = None,
    **kwargs,
) -> Entry:
    """A clean import declared the same morning, manually reviewed in `section` by `reviewer` (queued at
    queued_at, claimed claim_after minutes later, finished review_minutes after the claim), then accepted, taxed and
    released within the hour."""
    queued = at(day, queued_at[0]) + timedelta(minutes=queued_at[1])
    e = p.entry(queued - timedelta(minutes=20), sub=sub, company=company, **kwargs)
    p.goods_item(e, code or p.rng.choice(ZERO_DUTY_GOODS))
    e.declare()
    start = queued + timedelta(minutes=claim_after)
    end = start + timedelta(minutes=review_minutes)
    e.step("MANUAL_REVIEW", reviewer, section, queued, start, end)
    e.mark(end, "REVIEWED")
    e.clear(p.rng, end)
    return e


# --------------------------------------------------------------------------------------------- the stories
# Each takes (plan, world, bad) and returns its labels through plan.story.label.


def ma_tar_014(p: MPlan, w: World, bad: bool) -> None:
    """Roasted coffee declared under the laptop code (0 % against at least 8 % in heading 0901), reviewed and
    released today (bad); the same goods under their own heading (clean)."""
    e = p.entry(p.morning(w.anchor, 0, 60))
    code = "8471300000" if bad else "0901110000"
    goods = GOODS[code]
    item = e.add_item(code, p.rng.randint(*goods.qty), goods.price)
    item["g_name"] = "焙炒咖啡豆" if bad else "咖啡生豆"
    passed = e.declare() + minutes(p.rng, 30, 60)
    e.review(p.rng, passed, claimed_minutes=20)
    e.clear(p.rng, passed)
    if bad:
        p.story.label("MA-TAR-014", "DEC_ITEM", f"{e.entry_id}/1", p.staff.reviewer, "咖啡 declared under 8471300000")


def ma_tar_015(p: MPlan, w: World, bad: bool) -> None:
    """One reviewer takes 2.5 working hours on each of 30 reviews in the window (bad), or 50 minutes (clean: slower
    than most, still under 1.5 x the peers' p90, which the day's 5-60 minute reviews keep near 0.9 hours). The
    officer's ordinary reviews of the day only add to n."""
    i = 0 if bad else 1
    section = w.clearance(i)
    reviewer = w.reviewers(i)[1]
    days = w.workdays(29, 1)
    for n in range(30):
        day = days[n % len(days)]
        reviewed_entry(
            p,
            day,
            reviewer,
            section,
            queued_at=(9, n // len(days) * 5),
            review_minutes=150 if bad else 50,
            company=w.company(18 + n % 6),
        )
    if bad:
        key = f"{reviewer}|{section.unit_code}|{period_start(w.anchor, 30)}"
        p.story.label("MA-TAR-015", "OFFICER", key, reviewer, "median 2.5 WH on 30 reviews")


def ma_tar_016(p: MPlan, w: World, bad: bool) -> None:
    """A review never claimed: queued 7 working days ago (bad, far over 48 working hours) or at 14:30 five working
    days before today's, exactly 48 working hours at the end of the day (clean)."""
    i = 2 if bad else 1
    section = w.clearance(i)
    if bad:
        day, hhmm = w.cal.workday_back(w.anchor, 7), (10, 0)
    else:
        day, hhmm = w.cal.workday_back(w.anchor, 5), (14, 30)
    if day is None:
        return
    queued = at(day, *hhmm)
    e = p.entry(queued - timedelta(minutes=15), sub=w.subs[i])
    p.goods_item(e, p.rng.choice(PLAIN_GOODS))
    e.declare()
    e.step("MANUAL_REVIEW", None, section, queued, None, None)
    if bad:
        key = f"{section.unit_code}|{period_start(w.anchor, 30)}"
        p.story.label("MA-TAR-016", "SECTION", key, None, f"review pending since {queued.isoformat()}")


def _refund(p: MPlan, w: World, sub_i: int, n: int, days_taken: Decimal, decided: datetime, approver: str) -> None:
    company = refund_enterprises(w.org)[n % 40]
    accept_ts = decided - timedelta(days=float(days_taken))
    e = p.entry(p.morning(local(accept_ts) - timedelta(days=10), 0, 60), sub=w.subs[sub_i], company=company)
    p.goods_item(e, p.rng.choice(ZERO_DUTY_GOODS))
    e.clear(p.rng, e.declare())
    bill = e.bills[0]
    refund = {
        "refund_id": f"TR{e.entry_id[4:]}1",
        "entry_id": e.entry_id,
        "tax_bill_no": bill["tax_bill_no"],
        "apply_ts": accept_ts - timedelta(days=1),
        "accept_ts": accept_ts,
        "amount_cny": money(bill["amount_cny"] * Decimal("0.1")),
        "reason_code": "01",
        "approve_officer_id": approver,
        "decision": "APPROVED",
        "decision_ts": decided,
        "paid_ts": decided + timedelta(days=1),
    }
    p.story.put("tax_refund", (refund["refund_id"],), accept_ts, refund)


def ma_tar_017(p: MPlan, w: World, bad: bool) -> None:
    """A tax section's refunds decided in the window: 12 taking 22–28 days (bad, median 25 > 20) or 20 taking
    14–20 days, the slowest exactly 20 (clean)."""
    i = 0 if bad else 1
    section = w.tariff(i)
    approver = section.officers["TAX"][2].officer_id
    days = w.workdays(80, 2)
    count = 12 if bad else 20
    for n in range(count):
        decided = at(days[(n * 5) % len(days)], 10, 0) + timedelta(minutes=n)
        taken = Decimal(22 + n % 7) if bad else Decimal(20 if n % 3 == 0 else 14 + n % 6)
        _refund(p, w, i, n + (0 if bad else 12), taken, decided, approver)  # one refund per importer
    if bad:
        key = f"{section.unit_code}|{period_start(w.anchor, 90)}"
        p.story.label("MA-TAR-017", "SECTION", key, None, "12 refunds, median 25 days")


def ma_tar_018(p: MPlan, w: World, bad: bool) -> None:
    """A provisional-price import never settled: declared 200 days ago (bad) or exactly 180 days ago (clean)."""
    day = w.anchor - timedelta(days=200 if bad else 180)
    e = p.entry(at(day, 10, 0) + minutes(p.rng, 0, 60))
    e.head["provisional_price_flag"] = True
    p.goods_item(e, p.rng.choice(ZERO_DUTY_GOODS))
    passed = e.declare() + minutes(p.rng, 30, 60)
    e.review(p.rng, passed, claimed_minutes=20)
    e.clear(p.rng, passed)
    if bad:
        p.story.label("MA-TAR-018", "ENTRY", e.entry_id, None, f"provisional price since {day}")


def ma_tar_019(p: MPlan, w: World, bad: bool) -> None:
    """A guarantee accepted today due in 181 days (bad) or in exactly 180 (clean), no extension."""
    day = w.anchor if w.cal.is_workday(w.anchor) else Calendar.prev_workday(w.anchor)
    _e, guarantee, _ = _guarantee_entry(p, day, due_days=181 if bad else 180)
    if bad:
        p.story.label("MA-TAR-019", "GUARANTEE", guarantee["guar_id"], p.staff.tax, "term 181 days")


def ma_tar_020(p: MPlan, w: World, bad: bool) -> None:
    """An exemption certificate valid until 20 days ago quoted by an import declared 10 days ago (bad) or on the
    certificate's last valid day (clean), reviewed and released."""
    valid_until = w.anchor - timedelta(days=20)
    cert = _certificate(p, slot=97 if bad else 98, apply_day=valid_until - timedelta(days=200), decision_workdays=5)
    cert["valid_until"] = valid_until  # re-put below: a certificate whose validity was set to end on this day
    p.story.put("tax_exemption_cert", (cert["cert_no"],), cert["approve_ts"] + timedelta(minutes=1), cert)
    day = w.anchor - timedelta(days=10) if bad else valid_until
    e = p.entry(at(day, 9, 30) + minutes(p.rng, 0, 60), manual_no=cert["cert_no"], cut_mode="789")
    goods = GOODS["8477800000"]
    e.add_item("8477800000", 1, goods.price, duty_mode="3")
    passed = e.declare() + minutes(p.rng, 30, 60)
    e.review(p.rng, passed, claimed_minutes=20)
    e.clear(p.rng, passed)
    if bad:
        p.story.label("MA-TAR-020", "ENTRY", e.entry_id, p.staff.reviewer, f"certificate expired {valid_until}")


def ma_tar_021(p: MPlan, w: World, bad: bool) -> None:
    """30 reviewed entries of one enterprise in the window: 24 by one reviewer (bad, share 0.8) or 17 (clean, 0.57
    < 0.6)."""
    i = 1 if bad else 2
    section = w.clearance(i)
    reviewers = w.reviewers(i)
    favourite = reviewers[3]
    company = w.company(8 if bad else 9)
    days = w.workdays(85, 1)
    mine = 24 if bad else 17
    for n in range(30):
        day = days[(n * 2) % len(days)]
        reviewer = favourite if n < mine else reviewers[(n % 3) + 4 if (n % 3) + 4 < len(reviewers) else 0]
        reviewed_entry(p, day, reviewer, section, queued_at=(10, n % 50), company=company, sub=w.subs[i])
    if bad:
        p.story.label(
            "MA-TAR-021", "OFFICER_ENTERPRISE", f"{favourite}|{company['enterprise_code']}", favourite, "24 of 30"
        )


def ma_tar_022(p: MPlan, w: World, bad: bool) -> None:
    """A valuation officer closes price challenges at the declared price: 3 for one enterprise (bad) or 2 (clean)."""
    i = 2 if bad else 0
    valuer = w.tariff(i).officers["VALUATION"][1].officer_id
    company = w.company(10 if bad else 11)
    for n, day in enumerate(w.workdays(60, 5)[::12][: 3 if bad else 2]):
        e = reviewed_entry(p, day, w.reviewers(i)[0], w.clearance(i), company=company, sub=w.subs[i], code="8471300000")
        item = e.items[0]
        action_ts = at(day, 9, 12)
        action = {
            "action_id": f"VA{e.entry_id[4:]}{item['g_no']:02d}9",
            "entry_id": e.entry_id,
            "g_no": item["g_no"],
            "action_type": "CHALLENGE",
            "officer_id": valuer,
            "action_ts": action_ts,
            "declared_unit_price": item["decl_price"],
            "final_unit_price": item["decl_price"],
            "outcome": "ACCEPT_DECLARED",
            "method": "TRANSACTION",
            "closed_ts": action_ts + timedelta(minutes=10 + n),
        }
        p.story.put("valuation_action", (action["action_id"],), action_ts, action)
    if bad:
        p.story.label("MA-TAR-022", "OFFICER_ENTERPRISE", f"{valuer}|{company['enterprise_code']}", valuer, "3 of 3")


def ma_tar_023(p: MPlan, w: World, bad: bool) -> None:
    """On one working day, 10 entries wait from 09:00; one reviewer claims 10 entries of one enterprise queued after
    them, all 10 (bad) or only 4 (clean, share 0.4) ahead of the waiting ones; the others he claims in order."""
    i = 0 if bad else 2
    day = w.cal.workday_back(w.anchor, 3)
    if day is None:
        return
    section = w.clearance(i)
    reviewers = w.reviewers(i)
    picker = reviewers[2]
    company = w.company(12 if bad else 13)
    for n in range(10):  # the waiting queue, claimed from 10:30 by the others
        reviewed_entry(
            p,
            day,
            reviewers[4 + n % 2],
            section,
            queued_at=(9, n),
            claim_after=90 + n,
            review_minutes=10,
            company=w.company(14 + n % 4),
            sub=w.subs[i],
        )
    for n in range(10):
        if bad or n < 4:  # queued after the waiting ones, claimed at once
            reviewed_entry(
                p,
                day,
                picker,
                section,
                queued_at=(9, 20 + n * 6),
                claim_after=1,
                review_minutes=4,
                company=company,
                sub=w.subs[i],
            )
        else:  # queued before them, claimed in order
            reviewed_entry(
                p,
                day,
                picker,
                section,
                queued_at=(8, 30 + n * 2),
                claim_after=1,
                review_minutes=1,
                company=company,
                sub=w.subs[i],
            )
    if bad:
        key = f"{picker}|{company['enterprise_code']}"
        p.story.label("MA-TAR-023", "OFFICER_ENTERPRISE", key, picker, "10 of 10 claims past 10 waiting")


def ma_tar_024(p: MPlan, w: World, bad: bool) -> None:
    """An officer left REVIEW for TAX 39 days ago. Before, he reviewed mostly one enterprise; after, he still
    reviews one of its entries (bad), or only taxes one in his new post (clean)."""
    officers = synthetic_officers(w.org, w.anchor)
    officer_id, assignments = officers[0 if bad else 1]
    (_, review_section, _, ended), (_, tax_section, _, _) = assignments
    i = 0 if bad else 1
    company = w.company(3 if bad else 4)
    before = w.workdays(90, (w.anchor - ended).days)
    for n in range(6):
        reviewed_entry(p, before[n * 3], officer_id, review_section, company=company, sub=w.subs[i])
    day = w.cal.workday_back(w.anchor, 4)
    if day is None:
        return
    if bad:
        reviewed_entry(p, day, officer_id, review_section, company=company, sub=w.subs[i])
        p.story.label(
            "MA-TAR-024",
            "OFFICER_ENTERPRISE",
            f"{officer_id}|{company['enterprise_code']}",
            officer_id,
            "reviews a former top enterprise after moving to TAX",
        )
    else:
        e = p.entry(at(day, 9, 0), sub=w.subs[i], company=company)
        p.goods_item(e, p.rng.choice(ZERO_DUTY_GOODS))
        passed = e.declare() + minutes(p.rng, 5, 20)
        t = e.accept(p.rng, passed)
        start = t + minutes(p.rng, 2, 10)
        end = start + minutes(p.rng, 2, 8)
        e.step("TAX", officer_id, tax_section, t, start, end)
        e.issue_bills(end, officer_id)
        e.pay(end + timedelta(minutes=30))
        e.write_off(end + timedelta(minutes=45))
        e.release(p.rng, end + timedelta(minutes=50))


def ma_tar_025(p: MPlan, w: World, bad: bool) -> None:
    """An officer moved to another customs 60 days ago. Before, one enterprise declared its 10 entries at his old
    customs and he reviewed 6; after, it declares its 8 entries at the new one and he reviews 6 (bad) or 3 (clean,
    0.375 < 0.4)."""
    officers = synthetic_officers(w.org, w.anchor)
    officer_id, assignments = officers[2 if bad else 3]
    (_, old_section, _, ended), (_, new_section, moved, _) = assignments
    company = follower_enterprises(w.org)[0 if bad else 1]
    before = w.workdays(150, (w.anchor - ended).days)
    after = w.workdays((w.anchor - moved).days - 2, 2)
    old_others = [o.officer_id for o in old_section.officers["REVIEW"]]
    new_others = [o.officer_id for o in new_section.officers["REVIEW"]]
    for n in range(10):
        reviewer = officer_id if n < 6 else old_others[n % len(old_others)]
        reviewed_entry(p, before[n * 5], reviewer, old_section, company=company, sub=old_section.subordinate_code)
    mine = 6 if bad else 3
    for n in range(8):
        reviewer = officer_id if n < mine else new_others[n % len(new_others)]
        reviewed_entry(p, after[n * 4], reviewer, new_section, company=company, sub=new_section.subordinate_code)
    if bad:
        p.story.label(
            "MA-TAR-025",
            "OFFICER_ENTERPRISE",
            f"{officer_id}|{company['enterprise_code']}",
            officer_id,
            f"{old_section.subordinate_code} -> {new_section.subordinate_code}",
        )


STORIES = [
    ma_tar_014,
    ma_tar_015,
    ma_tar_016,
    ma_tar_017,
    ma_tar_018,
    ma_tar_019,
    ma_tar_020,
    ma_tar_021,
    ma_tar_022,
    ma_tar_023,
    ma_tar_024,
    ma_tar_025,
]


def generate(ctx: DayContext, out: Emit) -> None:
    """The synthetic officers' snapshot rows, then every story anchored on the business day (bad and near miss)."""
    org = ctx.org
    for table, row in reference_rows(org, ctx.biz_date):
        out.write(table, row)
    subs = sorted({s.subordinate_code for s in org.sections})
    if len(subs) < 3:
        return
    district = org.sections[0].district_code
    pool = sorted(_traders(org)[district], key=lambda e: e["enterprise_code"])
    anchor = ctx.biz_date
    world = World(org, subs, pool, Calendar(anchor.year), anchor)
    for kind, build in enumerate(STORIES):
        for bad in (True, False):
            rng = random.Random(f"{STREAM}-{ctx.seed}-{anchor.isoformat()}-{kind}-{int(bad)}")
            sub = subs[(kind + int(bad)) % len(subs)]
            plan = MPlan(
                anchor,
                kind,
                0 if bad else 1,
                bad,
                world.cal,
                rng,
                Story(anchor),
                sub,
                Staff.draw(org, sub, rng),
                pool[kind % len(pool)],
                pool[(kind + 1) % len(pool)],
            )
            plan.counter = 0 if bad else PER_KIND // 2
            plan.org = org
            build(plan, world, bad)
            plan.story.deliver(anchor, out.write)
            for check, object_type, object_id, officer, note in plan.story.labels:
                out.label(check, object_type, object_id, officer, note)
