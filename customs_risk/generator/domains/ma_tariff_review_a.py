"""Tariff-review monitoring analyses MA-TAR-001 … MA-TAR-013: windowed patterns, told as stories.

Every scenario is anchored on the business day D and delivered whole on D (its older parts included: declarations
reviewed and released days or weeks before, valuation actions, late fees, refunds), so that a warehouse starting on
D sees the whole 30- or 90-day pattern. Each bad pattern crosses its check's threshold; beside it a clean near miss
stays just inside. All the declarations are imports built with the helpers of tax_valuation (Entry, Story, Staff);
they are cleared promptly (accept, tax, release within minutes) so that no timeliness check sees them, and events
that an auto prompt would judge on the business day itself (waivers, under-priced reviews) happen before D.

Entry-id sequence numbers 920000–929999: 920000 + (days from declaration to D % 100) * 100 + slot (slot < 100).
Officers are picked per scenario from fixed positions of their section, rotated by the anchor day, so that one
scenario's officers never count in another's statistics and consecutive days raise new objects.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from customs_risk.generator.clearance import Emit
from customs_risk.generator.context import DayContext
from customs_risk.generator.domains.tax_valuation import (
    GOODS,
    USD_CNY,
    Entry,
    Staff,
    Story,
    _traders,
    at,
    money,
    reference_price,
)

STREAM = "ma_tariff_review_a"
SEQ_BASE = 920_000
# goods with a price reference whose names no other code of the day carries (the coffee and monitor pairs of
# tax_valuation are left to its AP-TAR-001 stories, so that MA-TAR-001 never meets them by chance)
REFERENCED = ["8471300000", "8517620000", "3901100000"]


class Builder:
    """The day's scenarios: entry numbering, officers and enterprises, one Story for everything."""

    def __init__(self, ctx: DayContext):
        self.ctx, self.org = ctx, ctx.org
        self.day = ctx.biz_date
        self.rng = ctx.rng(STREAM)
        self.story = Story(self.day)
        self.slots: dict[int, int] = defaultdict(int)
        self.subs = sorted({s.subordinate_code for s in self.org.sections})
        self.district = {s.subordinate_code: s.district_code for s in self.org.sections}
        self.traders = _traders(self.org)
        self.turn = self.day.toordinal()
        # enterprises whose pattern a scenario builds (one each), and the rest, cycled through for the bulk
        self.reserved: dict[str, list[dict]] = {}
        self.bulk: dict[str, list[dict]] = {}
        self.cycle = 0
        for district, pool in sorted(self.traders.items()):
            shuffled = sorted(pool, key=lambda c: c["enterprise_code"])
            self.rng.shuffle(shuffled)
            self.reserved[district], self.bulk[district] = shuffled[:9], shuffled[9:]

    # people ----------------------------------------------------------------------------------------------------
    def sub(self, n: int) -> str:
        return self.subs[n % len(self.subs)]

    def officers(self, sub: str, line: str, post: str, positions: list[int]) -> list[str]:
        section = self.org.section_for(sub, line, post)
        pool = section.officers[post]
        return [pool[(p + self.turn) % len(pool)].officer_id for p in positions]

    def staff(
        self, sub: str, reviewer: str, releaser: str | None = None, tax: str | None = None, valuer: str | None = None
    ) -> Staff:
        clearance = self.org.section_for(sub, "clearance", "REVIEW")
        tariff = self.org.section_for(sub, "tariff_review", "TAX")
        return Staff(
            clearance,
            tariff,
            reviewer,
            clearance.officers["ACCEPT"][(self.turn + 5) % len(clearance.officers["ACCEPT"])].officer_id,
            releaser or clearance.officers["RELEASE"][(self.turn + 5) % len(clearance.officers["RELEASE"])].officer_id,
            tax or tariff.officers["TAX"][(self.turn + 5) % len(tariff.officers["TAX"])].officer_id,
            valuer or tariff.officers["VALUATION"][(self.turn + 5) % len(tariff.officers["VALUATION"])].officer_id,
        )

    def company(self, sub: str) -> dict:
        """A trader of the subordinate's district that no other scenario of this module uses today."""
        return self.reserved[self.district[sub]].pop()

    def any_company(self, sub: str) -> dict:
        """The next trader of the district's bulk pool, in turn (no enterprise gathers a pattern by chance)."""
        pool = self.bulk[self.district[sub]]
        self.cycle += 1
        return pool[self.cycle % len(pool)]

    # declarations ----------------------------------------------------------------------------------------------
    def entry(self, sub: str, days_back: int, staff: Staff, company: dict, hour: int = 9, **kwargs) -> Entry:
        slot = self.slots[days_back]
        self.slots[days_back] += 1
        assert slot < 100, "at most 100 declarations per declaration day"
        d = self.day - timedelta(days=days_back)
        declare_ts = at(d, hour, 0) + timedelta(minutes=self.rng.randint(0, 50))
        seq = SEQ_BASE + (days_back % 100) * 100 + slot
        return Entry(self.story, sub, seq, declare_ts, company, company, staff, **kwargs)

    def item(self, e: Entry, code: str, price_factor: float = 1.0, qty: int | None = None) -> dict:
        goods = GOODS[code]
        price = (goods.price * Decimal(str(price_factor))).quantize(Decimal("0.01"))
        return e.add_item(code, qty or self.rng.randint(*goods.qty), price)

    def reviewed(self, e: Entry, claimed_minutes: int = 20) -> datetime:
        """Declared, manually reviewed, accepted, taxed and released; returns the release time."""
        passed = e.declare() + timedelta(minutes=self.rng.randint(30, 60))
        e.review(self.rng, passed, claimed_minutes=claimed_minutes)
        return e.clear(self.rng, passed)

    def released(self, e: Entry) -> datetime:
        """Declared, passed by the electronic review only, then cleared."""
        return e.clear(self.rng, e.declare())

    def put(self, table: str, key: tuple, ts: datetime, row: dict) -> None:
        self.story.put(table, key, ts, row)

    def label(self, check: str, object_type: str, object_id: str, officer: str | None, note: str) -> None:
        self.story.label(check, object_type, object_id, officer, note)


def generate(ctx: DayContext, out: Emit) -> None:
    b = Builder(ctx)
    for scenario in SCENARIOS:
        scenario(b)
    b.story.deliver(ctx.biz_date, out.write)
    for check, object_type, object_id, officer, note in b.story.labels:
        out.label(check, object_type, object_id, officer, note)


# ----------------------------------------------------------------------------------------------- the scenarios
# Officer positions inside a section (of 6): sub 0 clearance REVIEW 0-3 → MA-TAR-003; sub 1 REVIEW 0-1 → 008,
# 2 → 001, 3 → 006, 4 → 006 near miss, 5 → 007; sub 2 REVIEW 0 → 011, 1 → 012, 2 → 013, 3 → 002; tariff section
# of sub 0: VALUATION 0-1 → 004, 2-3 → 005, TAX 0-1 → 009; of sub 1: TAX 0-2 → 010.


def ma_tar_001(b: Builder) -> None:
    """Roasted coffee of one enterprise released under 0901210000 (15 %) and, later, under green coffee 0901110000
    (8 %): the reviewer who passed the low-rate one is charged. Near miss: "笔记本电脑" under two 0 % codes."""
    sub = b.sub(1)
    (low_reviewer,) = b.officers(sub, "clearance", "REVIEW", [2])
    company = b.company(sub)
    staff = b.staff(sub, low_reviewer)
    e = b.entry(sub, 20, staff, company)
    b.item(e, "0901210000")
    b.released(e)
    e = b.entry(sub, 2, staff, company)
    item = b.item(e, "0901110000", price_factor=1.7)  # priced as the roasted coffee it is
    item["g_name"] = "焙炒 咖啡豆"
    b.reviewed(e)
    b.label(
        "MA-TAR-001",
        "OFFICER_ENTERPRISE_GOODS",
        f"{low_reviewer}|{company['enterprise_code']}|焙炒咖啡豆",
        low_reviewer,
        "焙炒咖啡豆 under 0901210000 (15 %) and 0901110000 (8 %)",
    )
    near = b.company(sub)
    for days_back, code in ((15, "8471300000"), (3, "8517620000")):
        e = b.entry(sub, days_back, staff, near)
        item = b.item(e, code)
        item["g_name"] = "笔记本电脑"
        b.reviewed(e)


def ma_tar_002(b: Builder) -> None:
    """Six switch lots of one enterprise from the USA: four near 95 USD, two at 2 USD passed by one reviewer
    (cv > 0.5). Near miss: five lots between 60 and 100 USD (cv < 0.5)."""
    sub = b.sub(2)
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [3])
    staff = b.staff(sub, reviewer)
    for bad, factors in ((True, [1.0, 1.05, 0.95, 1.02, 0.021, 0.021]), (False, [1.0, 1.05, 0.63, 1.02, 0.7])):
        company = b.company(sub)
        prices = [GOODS["8517620000"].price * Decimal(str(f)) for f in factors]
        cv = statistics.stdev(prices) / statistics.mean(prices)
        assert (cv > Decimal("0.5")) == bad, cv
        for n, factor in enumerate(factors):
            e = b.entry(sub, 25 - 4 * n, staff, company, origin="USA")
            b.item(e, "8517620000", factor, qty=300)
            if factor < 0.1:
                b.reviewed(e)  # the low lots: passed by the reviewer, days before D (AP-TAR-003 judges D only)
            else:
                b.released(e)
        if bad:
            b.label(
                "MA-TAR-002",
                "OFFICER_ENTERPRISE_GOODS",
                f"{reviewer}|{company['enterprise_code']}|8517620000|USA|001",
                reviewer,
                f"switch lots at 2 USD beside 95 USD, cv {cv:.2f}",
            )


def ma_tar_003(b: Builder) -> None:
    """Four reviewers of one section pass 50 referenced items each over 25 days: the bad one passes 10 items 40 %
    under the reference unchallenged, two peers 1 each, one none (median 0.02, MAD 0). Under-priced items are worth
    under 50,000 CNY and reviewed before D, so AP-TAR-003 stays silent."""
    sub = b.sub(0)
    reviewers = b.officers(sub, "clearance", "REVIEW", [0, 1, 2, 3])
    under_counts = dict(zip(reviewers, (10, 1, 1, 0), strict=True))
    for r_index, reviewer in enumerate(reviewers):
        staff = b.staff(sub, reviewer)
        under_left = under_counts[reviewer]
        for n in range(10):
            company = b.any_company(sub)
            origin = b.rng.choice(["USA", "DEU", "JPN", "GBR"])
            e = b.entry(sub, 1 + (n * 5 + r_index) % 25, staff, company, origin=origin)
            for _ in range(5):
                code = b.rng.choice(REFERENCED)
                if under_left:
                    ref = reference_price(code, origin, GOODS[code].unit, e.declare_ts.date())
                    qty = int(Decimal(40_000) / (ref * Decimal("0.6") * USD_CNY))
                    b.item(e, code, float(ref * Decimal("0.6") / GOODS[code].price), qty=qty)
                    under_left -= 1
                else:
                    b.item(e, code, b.rng.uniform(0.95, 1.1))
            b.reviewed(e)
    b.label("MA-TAR-003", "OFFICER", reviewers[0], reviewers[0], "10 of 50 items 40 % under reference, peers 0-1")


def _valuation(
    b: Builder, e: Entry, item: dict, officer: str, action_type: str, closed: datetime, outcome: str, final: Decimal
) -> None:
    action_id = f"VM{e.entry_id[4:]}{item['g_no']:02d}"
    b.put(
        "valuation_action",
        (action_id,),
        closed,
        {
            "action_id": action_id,
            "entry_id": e.entry_id,
            "g_no": item["g_no"],
            "action_type": action_type,
            "officer_id": officer,
            "action_ts": closed - timedelta(hours=2),
            "declared_unit_price": item["decl_price"],
            "final_unit_price": final.quantize(Decimal("0.0001")),
            "outcome": outcome,
            "method": "TRANSACTION" if outcome == "ACCEPT_DECLARED" else "SIMILAR",
            "closed_ts": closed,
        },
    )


def ma_tar_004(b: Builder) -> None:
    """One valuer closes ten price challenges, all at the declared price; another ten, nine at the declared price
    (0.9, not above). One declaration of its own enterprise per challenge."""
    sub = b.sub(0)
    valuers = b.officers(sub, "tariff_review", "VALUATION", [0, 1])
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [4])
    for valuer, accepted in zip(valuers, (10, 9), strict=True):
        staff = b.staff(sub, reviewer, valuer=valuer)
        for n in range(10):  # one enterprise each: no officer-enterprise concentration of accepted prices
            e = b.entry(sub, 2 + 2 * n, staff, b.any_company(sub), origin="USA")
            item = b.item(e, "9403200000")
            released = b.reviewed(e)
            ok = n < accepted
            _valuation(
                b,
                e,
                item,
                valuer,
                "CHALLENGE",
                released - timedelta(minutes=30),
                "ACCEPT_DECLARED" if ok else "ADJUSTED",
                item["decl_price"] * Decimal(1 if ok else "1.2"),
            )
    b.label("MA-TAR-004", "OFFICER", valuers[0], valuers[0], "10 of 10 challenges closed at the declared price")


def ma_tar_005(b: Builder) -> None:
    """A consultation closed at 70 % of the reference price (bad); another at exactly 80 % (clean)."""
    sub = b.sub(0)
    valuers = b.officers(sub, "tariff_review", "VALUATION", [2, 3])
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [4])
    for valuer, final_pct in zip(valuers, (Decimal("0.7"), Decimal("0.8")), strict=True):
        staff = b.staff(sub, reviewer, valuer=valuer)
        e = b.entry(sub, 6, staff, b.any_company(sub), origin="USA")
        ref = reference_price("8517620000", "USA", "001", e.declare_ts.date())
        item = b.item(e, "8517620000", float(ref * Decimal("0.6") / GOODS["8517620000"].price), qty=500)
        released = b.reviewed(e)
        _valuation(b, e, item, valuer, "CONSULT", released - timedelta(minutes=40), "ADJUSTED", ref * final_pct)
    b.label("MA-TAR-005", "OFFICER", valuers[0], valuers[0], "consultation closed at 70 % of the reference")


def ma_tar_006(b: Builder) -> None:
    """A Korean machine (MFN 5 %) at the FTA rate 0 without a certificate of origin (bad); the same with a
    certificate (clean, another reviewer)."""
    sub = b.sub(1)
    reviewers = b.officers(sub, "clearance", "REVIEW", [3, 4])
    for reviewer, certified in zip(reviewers, (False, True), strict=True):
        e = b.entry(sub, 9, b.staff(sub, reviewer), b.any_company(sub), origin="KOR")
        item = b.item(e, "8477800000", qty=1)
        item.update(
            applied_duty_rate=Decimal(0),
            applied_rate_type="FTA",
            duty_amount_cny=Decimal(0),
            vat_amount_cny=money(item["cny_value"] * Decimal("0.13")),
        )
        if certified:
            b.put(
                "dec_document",
                (e.entry_id, "Y"),
                e.declare_ts,
                {
                    "entry_id": e.entry_id,
                    "docu_code": "Y",
                    "cert_code": f"KR{e.entry_id[-8:]}",
                    "last_update_ts": e.declare_ts,
                },
            )
        b.reviewed(e)
    b.label("MA-TAR-006", "OFFICER", reviewers[0], reviewers[0], "FTA rate 0 (KOR) without docu_code Y")


def ma_tar_007(b: Builder) -> None:
    """One bill of lading declared as three entries over two days, ~40,000 CNY each (sum > 100,000), all reviewed by
    one officer and released by three; near miss: three entries of another bill summing to ~90,000."""
    sub = b.sub(1)
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [5])
    releasers = b.officers(sub, "clearance", "RELEASE", [0, 1, 2])
    for bad, qty in ((True, 66), (False, 50)):
        company = b.company(sub)
        bill = None
        for n, releaser in enumerate(releasers):
            e = b.entry(sub, 4 - n, b.staff(sub, reviewer, releaser=releaser), company, hour=9 + n)
            bill = bill or f"BLM{e.entry_id[-12:]}"
            e.head["bill_no"] = bill
            b.item(e, "9403200000", qty=qty)
            b.reviewed(e)
        if bad:
            b.label(
                "MA-TAR-007",
                "OFFICER_SPLIT",
                f"{reviewer}|{company['enterprise_code']}|{bill}",
                reviewer,
                "three entries of one bill under 100,000 CNY each",
            )


def ma_tar_008(b: Builder) -> None:
    """Twenty reviews of machinery worth over 1,000,000 CNY each: seven in 40 seconds (share 0.35, bad); for another
    reviewer six (0.3, clean)."""
    sub = b.sub(1)
    reviewers = b.officers(sub, "clearance", "REVIEW", [0, 1])
    for reviewer, fast in zip(reviewers, (7, 6), strict=True):
        staff = b.staff(sub, reviewer)
        for n in range(20):
            e = b.entry(sub, 1 + n, staff, b.any_company(sub), origin="DEU")
            b.item(e, "8477800000", qty=2)
            passed = e.declare() + timedelta(minutes=b.rng.randint(30, 60))
            start = passed - (timedelta(seconds=40) if n < fast else timedelta(minutes=25))
            e.step("MANUAL_REVIEW", reviewer, staff.clearance, start - timedelta(minutes=3), start, passed)
            e.mark(passed, "REVIEWED")
            e.clear(b.rng, passed)
    b.label("MA-TAR-008", "OFFICER", reviewers[0], reviewers[0], "7 of 20 high-value reviews under 60 seconds")


def ma_tar_009(b: Builder) -> None:
    """Five late-declaration fees waived by one tax officer in the window (bad); four by another (clean). Waived
    before D (AP-TAR-005 judges D)."""
    sub = b.sub(0)
    officers = b.officers(sub, "tariff_review", "TAX", [0, 1])
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [5])
    for officer, count in zip(officers, (5, 4), strict=True):
        for n in range(count):
            e = b.entry(sub, 3 + 5 * n, b.staff(sub, reviewer), b.any_company(sub))
            b.item(e, "8471300000", qty=20)
            released = b.released(e)
            calc = money(e.head["total_value_cny"] * Decimal("0.0005") * 2)
            waived = released + timedelta(days=1)
            fee = {
                "fee_id": f"DLM{e.entry_id[4:]}",
                "entry_id": e.entry_id,
                "fee_type": "DECLARE_LATE",
                "days_charged": 2,
                "calc_amount_cny": calc,
                "levied_amount_cny": Decimal(0),
                "waived_amount_cny": calc,
                "waive_officer_id": officer,
                "waive_ts": waived,
                "waive_reason": "不可抗力",
                "created_ts": released,
            }
            b.put("late_fee", (fee["fee_id"],), waived, fee)
    b.label("MA-TAR-009", "OFFICER", officers[0], officers[0], "five fee waivers in 30 days")


def ma_tar_010(b: Builder) -> None:
    """Three refunds approved for one enterprise within 90 days, two by one officer (bad, charged to him); two small
    refunds of another enterprise, 5 % of its paid tax (clean)."""
    sub = b.sub(1)
    approvers = b.officers(sub, "tariff_review", "TAX", [0, 1, 2])
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [4])
    for bad, decisions in ((True, ((70, 0), (40, 1), (3, 0))), (False, ((50, 2), (10, 2)))):
        company = b.company(sub)
        for days_back, who in decisions:
            e = b.entry(sub, days_back + 12, b.staff(sub, reviewer), company)
            b.item(e, "8471300000", qty=50)
            b.released(e)
            bill = e.bills[0]
            accept = at(b.day - timedelta(days=days_back + 5), 10, 0)
            refund = {
                "refund_id": f"TRM{e.entry_id[4:]}",
                "entry_id": e.entry_id,
                "tax_bill_no": bill["tax_bill_no"],
                "apply_ts": accept - timedelta(days=1),
                "accept_ts": accept,
                "amount_cny": money(bill["amount_cny"] * Decimal("0.05")),
                "reason_code": "01",
                "approve_officer_id": approvers[who],
                "decision": "APPROVED",
                "decision_ts": accept + timedelta(days=4),
                "paid_ts": accept + timedelta(days=5),
            }
            b.put("tax_refund", (refund["refund_id"],), refund["paid_ts"], refund)
        if bad:
            b.label(
                "MA-TAR-010",
                "ENTERPRISE",
                company["enterprise_code"],
                approvers[0],
                "three approved refunds in 90 days",
            )


def ma_tar_011(b: Builder) -> None:
    """A machine (MFN 5 %) declared at an in-quota rate of 1 % without a quota certificate (bad); the same machine at
    its MFN rate (clean)."""
    sub = b.sub(2)
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [0])
    staff = b.staff(sub, reviewer)
    e = b.entry(sub, 7, staff, b.any_company(sub))
    item = b.item(e, "8477800000", qty=1)
    item.update(
        applied_duty_rate=Decimal("0.01"),
        applied_rate_type="QUOTA",
        duty_amount_cny=money(item["cny_value"] * Decimal("0.01")),
    )
    b.reviewed(e)
    b.label("MA-TAR-011", "OFFICER", reviewer, reviewer, "QUOTA rate 1 % without a quota certificate (MFN 5 %)")
    e = b.entry(sub, 8, staff, b.any_company(sub))
    b.item(e, "8477800000", qty=1)
    b.reviewed(e)


def ma_tar_012(b: Builder) -> None:
    """An ordinary-trade import with one item declared fully exempt (duty_mode 3) and no 征免税证明 (bad); an
    ordinary-trade import at 一般征税 (clean)."""
    sub = b.sub(2)
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [1])
    staff = b.staff(sub, reviewer)
    e = b.entry(sub, 11, staff, b.any_company(sub), origin="DEU")
    b.item(e, "8471300000")
    e.add_item("8477800000", 1, GOODS["8477800000"].price, duty_mode="3")
    b.reviewed(e)
    b.label("MA-TAR-012", "OFFICER", reviewer, reviewer, "0110 with an exempt item, no exemption certificate")
    e = b.entry(sub, 12, staff, b.any_company(sub), origin="DEU")
    b.item(e, "8477800000", qty=1)
    b.reviewed(e)


def ma_tar_013(b: Builder) -> None:
    """An FOB sea import without freight or insurance (bad); an FOB import with both and a C&F import with
    insurance (clean)."""
    sub = b.sub(2)
    (reviewer,) = b.officers(sub, "clearance", "REVIEW", [2])
    staff = b.staff(sub, reviewer)
    for trans_mode, fee, insurance in (("3", None, None), ("3", "5", "0.3"), ("2", None, "0.3")):
        e = b.entry(sub, 13, staff, b.any_company(sub))
        e.head.update(trans_mode=trans_mode)
        if fee:
            e.head.update(fee_mark="1", fee_rate=Decimal(fee), fee_curr="USD")
        if insurance:
            e.head.update(insur_mark="1", insur_rate=Decimal(insurance), insur_curr="USD")
        b.item(e, "8517620000")
        b.reviewed(e)
    b.label("MA-TAR-013", "OFFICER", reviewer, reviewer, "FOB import without freight or insurance")


SCENARIOS = [
    ma_tar_001,
    ma_tar_002,
    ma_tar_003,
    ma_tar_004,
    ma_tar_005,
    ma_tar_006,
    ma_tar_007,
    ma_tar_008,
    ma_tar_009,
    ma_tar_010,
    ma_tar_011,
    ma_tar_012,
    ma_tar_013,
]
