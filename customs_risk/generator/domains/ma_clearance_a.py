"""Clearance monitoring analyses MA-CLR-001 … 011: windowed patterns told as stories anchored on the business day.

Every story is anchored on the business day D and delivered whole on D (older parts included: declarations of
up to 90 days before, their workflow, control orders, inspections, tax bills, manifests), so a warehouse starting on
D sees the whole pattern; nothing of it is delivered on another day. Its bad case crosses its check's threshold on D
and is labelled that day; the clean near misses stay just inside the threshold.

Declarations: entry-id sequence numbers 900000–902911 of their declaration day (the block 900000–909999 is this
module's; 903000 and up is used by clearance.py's aged objects, whose days-back is never below 3):
    900000 + (days from declaration to D) * 32 + slot, slot < 32 per (customs, declaration day, I/E).
Sites (inspection.site_code) and manifests (manifest_id) are this module's own: '<sub>MCA<k><mmdd>', 'MCA…'.
The stories are placed so that they never share a denominator: MA-CLR-001 in the first subordinate customs, MA-CLR-002
and -005 in the second, MA-CLR-003/004/009/010 in the third; officers and enterprises are drawn at random, avoiding
declared interests; every act happens on a working day between 09:00 and 17:00, every step in order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from customs_risk.generator.clearance import Emit, declared_conflicts, goods_name
from customs_risk.generator.context import DayContext
from customs_risk.generator.organisation import Section, calendar_rows

TZ = ZoneInfo("Asia/Shanghai")
STREAM = "ma_clearance_a"
SEQ_BASE = 900_000
SLOTS = 32
MAX_DAYS_BACK = 90
CLEAN_CLASSES = {"ADV_CERT", "GEN_CERT", "GENERAL"}
RISK_SOURCES = ["RISK_PARAM", "INTEL", "GACC", "DIRECT"]
CNY = Decimal("7.10")


@cache
def _workday_set(year: int) -> frozenset[date]:
    return frozenset(r["cal_date"] for r in calendar_rows(year) if r["is_workday"])


def is_workday(d: date) -> bool:
    return d in _workday_set(d.year)


def workdays_before(d: date, first: int, last: int) -> list[date]:
    """Working days x < d with first <= WD(x, d) <= last, oldest first (WD counts working days in (x, d])."""
    out, x, count = [], d, 0
    while count <= last:
        if is_workday(x):
            count += 1
        x -= timedelta(days=1)
        if is_workday(x) and first <= count <= last:
            out.append(x)
    return sorted(out)


def at(day: date, hh: int, mm: float = 0) -> datetime:
    return datetime.combine(day, time(hh, 0), TZ) + timedelta(minutes=mm)


@dataclass
class Entry:
    entry_id: str
    sub: str
    ie: str
    head: dict
    items: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    extra: list[tuple[str, dict]] = field(default_factory=list)
    t: datetime | None = None

    def step(self, code: str, officer: str | None, section: str | None, start: datetime, minutes: float) -> datetime:
        end = start + timedelta(minutes=minutes)
        self.steps.append(
            {
                "entry_id": self.entry_id,
                "step_seq": len(self.steps) + 1,
                "step_code": code,
                "officer_id": officer,
                "section_unit_code": section,
                "customs_code": self.sub,
                "queue_entered_ts": start,
                "start_ts": start,
                "end_ts": end,
                "result_code": "DONE" if code in ("DECLARE", "CLOSE", "DELETE") else "PASS",
                "is_manual": officer is not None,
                "remark": None,
            }
        )
        self.t = end
        return end


class Stories:
    def __init__(self, ctx: DayContext, out: Emit):
        self.ctx, self.out, self.day = ctx, out, ctx.biz_date
        self.rng = ctx.rng(STREAM)
        self.subs = sorted({s.subordinate_code for s in ctx.org.sections})
        self.conflicts = {(c["officer_id"], c["enterprise_code"]) for c in declared_conflicts(ctx.org, ctx.seed)}
        self.traders: dict[str, list[dict]] = defaultdict(list)
        for e in ctx.org.enterprises:
            if e["credit_class"] in CLEAN_CLASSES and e["status"] == "active":
                self.traders[e["registered_customs_code"]].append(e)
        self.slots: dict[tuple, int] = defaultdict(int)

    # --- organisation ---------------------------------------------------------------------------------------
    def section(self, sub: str, post: str) -> Section:
        return self.ctx.org.section_for(sub, "", post)

    def officers(self, sub: str, post: str) -> list[str]:
        return [o.officer_id for o in self.section(sub, post).officers[post]]

    def pick(self, e: Entry, post: str, exclude: tuple[str, ...] = ()) -> str:
        parties = {e.head["trade_co"], e.head["agent_code"]}
        choices = [
            o
            for o in self.officers(e.sub, post)
            if o not in exclude and not any((o, p) in self.conflicts for p in parties)
        ]
        return self.rng.choice(choices)

    def free_of(self, officer: str, e: Entry) -> bool:
        return not any((officer, p) in self.conflicts for p in (e.head["trade_co"], e.head["agent_code"]))

    # --- declarations ---------------------------------------------------------------------------------------
    def entry(
        self,
        sub: str,
        declare_ts: datetime,
        ie: str = "E",
        traf: str = "4",
        manifest_id: str | None = None,
        code_ts: str = "8471300000",
        value_usd: int | None = None,
        trade_co: str | None = None,
        bill_no: str | None = None,
        pack_no: int | None = None,
        gross_wt: Decimal | None = None,
        duty_rate: Decimal = Decimal(0),
        arrival_ts: datetime | None = None,
    ) -> Entry:
        origin = declare_ts.astimezone(TZ).date()
        delta = (self.day - origin).days
        assert 0 <= delta <= MAX_DAYS_BACK, delta
        key = (sub, origin, ie)
        slot = self.slots[key]
        assert slot < SLOTS, key
        self.slots[key] += 1
        seq = SEQ_BASE + delta * SLOTS + slot
        entry_id = f"{sub}{origin.year}{'1' if ie == 'I' else '0'}{origin.timetuple().tm_yday:03d}{seq:06d}"
        rng = self.rng
        district = next(s.district_code for s in self.ctx.org.sections if s.subordinate_code == sub)
        company = (
            next(c for c in self.traders[district] if c["enterprise_code"] == trade_co)
            if trade_co
            else rng.choice(self.traders[district])
        )
        broker = rng.choice(self.traders[district])
        usd = Decimal(value_usd if value_usd is not None else rng.randint(5_000, 60_000))
        cny = (usd * CNY).quantize(Decimal("0.01"))
        qty = Decimal(rng.randint(10, 400))
        duty = (cny * duty_rate).quantize(Decimal("0.01")) if ie == "I" else Decimal(0)
        vat = ((cny + duty) * Decimal("0.13")).quantize(Decimal("0.01")) if ie == "I" else Decimal(0)
        e = Entry(entry_id, sub, ie, {})
        e.items.append(
            {
                "entry_id": entry_id,
                "g_no": 1,
                "code_ts": code_ts,
                "ciq_code": "999",
                "g_name": goods_name(code_ts),
                "g_model": "规格",
                "g_qty": qty,
                "g_unit": "007",
                "qty_1": qty,
                "unit_1": "007",
                "decl_price": (usd / qty).quantize(Decimal("0.0001")),
                "decl_total": usd,
                "trade_curr": "USD",
                "origin_country": "USA" if ie == "I" else "CHN",
                "dest_country": "CHN" if ie == "I" else "USA",
                "duty_mode": "1",
                "usd_value": usd,
                "cny_value": cny,
                "applied_duty_rate": duty_rate if ie == "I" else Decimal(0),
                "applied_rate_type": "MFN",
                "duty_amount_cny": duty,
                "vat_amount_cny": vat,
                "consumption_amount_cny": Decimal(0),
            }
        )
        e.head = {
            "entry_id": entry_id,
            "pre_entry_id": f"P{entry_id[1:]}",
            "ie_flag": ie,
            "declare_customs_code": sub,
            "ie_port_code": sub,
            "ie_date": origin if ie == "I" else None,
            "declare_ts": declare_ts,
            "trade_mode": "0110",
            "cut_mode": "101",
            "trans_mode": "3" if ie == "E" else "1",
            "traf_mode": traf,
            "traf_name": "MCA CARRIER",
            "voyage_no": f"M{delta:03d}",
            "bill_no": bill_no or f"MCA{entry_id[-12:]}",
            "manifest_id": manifest_id,
            "manual_no": None,
            "related_entry_id": None,
            "trade_co": company["enterprise_code"],
            "owner_code": company["enterprise_code"],
            "agent_code": broker["enterprise_code"],
            "trade_country": "USA",
            "depart_arrive_country": "USA",
            "district_code": "44199",
            "pack_no": pack_no if pack_no is not None else rng.randint(10, 300),
            "wrap_type": "22",
            "gross_wt": gross_wt if gross_wt is not None else Decimal(rng.randint(500, 9000)),
            "net_wt": Decimal(400),
            "entry_type": "M",
            "special_type": None,
            "tax_payment_mode": "NORMAL",
            "is_concentrated": False,
            "is_advance_declaration": False,
            "provisional_price_flag": False,
            "guarantee_release_flag": False,
            "conveyance_arrival_ts": (arrival_ts or declare_ts - timedelta(hours=20)) if ie == "I" else None,
            "total_value_cny": cny,
        }
        e.step("DECLARE", None, None, declare_ts, 0)
        e.step("E_REVIEW", None, None, e.t, 1)
        return e

    def review(self, e: Entry) -> str:
        officer = self.pick(e, "REVIEW")
        e.step("MANUAL_REVIEW", officer, self.section(e.sub, "REVIEW").unit_code, e.t + timedelta(minutes=5), 20)
        return officer

    def accept(self, e: Entry, exclude: tuple[str, ...] = ()) -> str:
        officer = self.pick(e, "ACCEPT", exclude)
        e.step("ACCEPT", officer, self.section(e.sub, "ACCEPT").unit_code, e.t + timedelta(minutes=10), 10)
        return officer

    def tax(self, e: Entry, paid: bool = True) -> None:
        """TAX step with the duty (A, when due) and VAT (L) bills, paid half an hour later."""
        officer = self.pick(e, "TAX")
        issue = e.step("TAX", officer, self.section(e.sub, "TAX").unit_code, e.t, 5)
        paid_ts = issue + timedelta(minutes=30) if paid else None
        duty = sum(i["duty_amount_cny"] for i in e.items)
        vat = sum(i["vat_amount_cny"] for i in e.items)
        for letter, amount in (("A", duty), ("L", vat)):
            if amount <= 0:
                continue
            e.extra.append(
                (
                    "tax_bill",
                    {
                        "tax_bill_no": f"{e.entry_id}-{letter}01",
                        "entry_id": e.entry_id,
                        "tax_type": letter,
                        "amount_cny": amount,
                        "issue_ts": issue,
                        "due_date": (issue + timedelta(days=15)).date(),
                        "paid_ts": paid_ts,
                        "written_off_ts": paid_ts + timedelta(hours=1) if paid_ts else None,
                        "payer_code": e.head["trade_co"],
                        "payer_uscc": "91000000000000000X",
                        "issuing_officer_id": officer,
                        "status": "PAID" if paid_ts else "ISSUED",
                        "cancel_officer_id": None,
                        "cancel_ts": None,
                        "replaced_by_bill_no": None,
                        "last_update_ts": paid_ts + timedelta(hours=1) if paid_ts else issue,
                    },
                )
            )
        e.t = paid_ts or issue

    def control(self, e: Entry, source: str, status: str = "EXECUTED", method: str = "MACHINE") -> dict:
        sec = self.section(e.sub, "CONTROL")
        issuer = self.pick(e, "CONTROL")
        issue = e.step("CONTROL", issuer, sec.unit_code, e.t, 3)
        row = {
            "control_id": f"RC{e.entry_id}",
            "entry_id": e.entry_id,
            "control_source": source,
            "required_method": method,
            "issue_officer_id": issuer,
            "issue_unit_code": sec.unit_code,
            "issue_ts": issue,
            "status": status,
            "cancel_officer_id": None,
            "cancel_ts": None,
            "cancel_reason": None,
            "cancel_approve_officer_id": None,
            "last_update_ts": issue,
        }
        e.extra.append(("risk_control", row))
        return row

    def inspect(
        self,
        e: Entry,
        control: dict,
        lead: str,
        site: str,
        *,
        method: str = "MACHINE",
        containers: int = 1,
        minutes: float | None = None,
        wait: timedelta = timedelta(minutes=30),
        hit: bool = False,
        photos: int | None = None,
    ) -> dict:
        sec = self.section(e.sub, "INSPECT")
        second = self.pick(e, "INSPECT", (lead,))
        assign = e.t + timedelta(minutes=10)
        start = assign + wait
        if minutes is None:
            minutes = containers * self.rng.uniform(30, 40) if method in ("PARTIAL", "FULL") else 25
        end = e.step("INSPECT", lead, sec.unit_code, start, minutes)
        e.steps[-1]["queue_entered_ts"] = assign
        entered = end + timedelta(minutes=15)
        row = {
            "insp_id": f"IN{e.entry_id}",
            "entry_id": e.entry_id,
            "control_id": control["control_id"],
            "assign_officer_id": self.pick(e, "INSPECT_ASSIGN"),
            "assign_ts": assign,
            "lead_officer_id": lead,
            "second_officer_id": second,
            "start_ts": start,
            "end_ts": end,
            "method": method,
            "container_count": containers,
            "result": "ABNORMAL" if hit else "NORMAL",
            "result_entered_ts": entered,
            "result_modified_ts": None,
            "result_before_modify": None,
            "record_signed_ts": entered + timedelta(minutes=5),
            "signer_count": 3,
            "photo_count": self.rng.randint(3, 10) if photos is None else photos,
            "sample_taken": hit,
            "handling": "PENALTY" if hit else "NONE",
            "handover_ts": entered + timedelta(hours=1) if hit else None,
            "site_code": site,
            "postponed_by_trader": False,
            "last_update_ts": entered + timedelta(hours=1),
        }
        e.extra.append(("inspection", row))
        e.t = entered + timedelta(minutes=5)
        return row

    def release(self, e: Entry, at_ts: datetime | None = None, exclude: tuple[str, ...] = ()) -> str:
        officer = self.pick(e, "RELEASE", exclude)
        e.step("RELEASE", officer, self.section(e.sub, "RELEASE").unit_code, at_ts or e.t + timedelta(minutes=10), 2)
        return officer

    def write(self, e: Entry, status: str) -> None:
        last = max(s["end_ts"] for s in e.steps)
        for _table, row in e.extra:
            last = max(last, row.get("last_update_ts") or last)
        self.out.write("dec_head", {**e.head, "dec_status": status, "last_update_ts": last})
        for item in e.items:
            self.out.write("dec_item", {**item, "last_update_ts": last})
        for s in e.steps:
            self.out.write("dec_workflow", s)
        for table, row in e.extra:
            self.out.write(table, row)

    def district(self, sub: str) -> str:
        return next(x.district_code for x in self.ctx.org.sections if x.subordinate_code == sub)

    # --- helpers --------------------------------------------------------------------------------------------
    def site(self, sub: str, k: str) -> str:
        return f"{sub}MCA{k}{self.day:%m%d}"

    def days(self, first: int, last: int) -> list[date]:
        """Working days d with first <= (D - d).days <= last."""
        return [
            self.day - timedelta(days=n) for n in range(first, last + 1) if is_workday(self.day - timedelta(days=n))
        ]

    def inspected_entry(self, sub: str, day: date, source: str, lead: str, site: str, **kw) -> tuple[Entry, dict]:
        e = self.entry(sub, at(day, 9, self.rng.uniform(0, 60)))
        while not self.free_of(lead, e):  # never let an inspector handle an enterprise he declared an interest in
            self.slots[(sub, day, "E")] -= 1
            e = self.entry(sub, at(day, 9, self.rng.uniform(0, 60)))
        self.accept(e)
        c = self.control(e, source, method=kw.get("method", "MACHINE"))
        ins = self.inspect(e, c, lead, site, **kw)
        self.release(e)
        return e, ins


def generate(ctx: DayContext, out: Emit) -> None:
    if len({s.subordinate_code for s in ctx.org.sections}) < 3:
        return
    s = Stories(ctx, out)
    _hit_rate(s)
    _cancel_rate(s)
    _out_of_order(s)
    _short_and_evidence(s)
    _wait(s)
    _backlog(s)
    _manifest_rules(s)
    _deleted_redeclared(s)


# --- MA-CLR-001: a lead inspector who almost never finds anything on risk-targeted orders -------------------------


def _hit_rate(s: Stories) -> None:
    sub = s.subs[0]
    bad, *peers = s.rng.sample(s.officers(sub, "INSPECT"), 3)
    site = s.site(sub, "1")
    days = s.days(2, MAX_DAYS_BACK - 1)
    plan = [(bad, i < 1) for i in range(52)] + [(p, i < 10) for p in peers for i in range(26)]
    for n, (lead, hit) in enumerate(plan):
        day = days[n % len(days)]
        e, _ = s.inspected_entry(sub, day, s.rng.choice(RISK_SOURCES), lead, site, hit=hit)
        s.write(e, "RELEASED")
    s.out.label("MA-CLR-001", "OFFICER_SITE", f"{bad}|{site}", bad, "1 hit in 52 risk inspections, peers 38 %")


# --- MA-CLR-002: one section's control orders cancelled far above 5 % ---------------------------------------------


def _cancel_rate(s: Stories) -> None:
    sub = s.subs[1]
    sec = s.section(sub, "CONTROL")
    canceller = s.rng.choice(s.officers(sub, "CONTROL"))
    supervisor = sec.officers["SUPERVISOR"][0].officer_id
    days = s.days(2, 28)
    used: set[str] = set()
    for n in range(25):
        day = days[n % len(days)]
        e = s.entry(sub, at(day, 9, s.rng.uniform(0, 90)))
        due = len(used) < min(4, n // 6 + 1)  # four cancellations, spread over the window, one per enterprise
        cancel = due and e.head["trade_co"] not in used and s.free_of(canceller, e)
        s.accept(e)
        c = s.control(e, "RANDOM", method="MACHINE")
        if cancel:
            used.add(e.head["trade_co"])
            ts = e.t + timedelta(minutes=30)
            c.update(
                status="CANCELLED",
                cancel_officer_id=canceller,
                cancel_ts=ts,
                cancel_reason="企业已提供补充材料,经审批撤控",
                cancel_approve_officer_id=supervisor,
                last_update_ts=ts,
            )
            e.t = ts
        else:
            lead = s.pick(e, "INSPECT")
            s.inspect(e, c, lead, s.site(sub, "2"))
        s.release(e)
        s.write(e, "RELEASED")
    assert len(used) >= 3
    s.out.label("MA-CLR-002", "CONTROL_CANCEL_RATE", f"UNIT|{sec.unit_code}", None, "cancelled >5 % of orders")
    s.out.label("MA-CLR-002", "CONTROL_CANCEL_RATE", f"OFFICER|{canceller}", canceller, "cancelled >5 % of orders")


# --- MA-CLR-005: released before the inspection had ended ----------------------------------------------------------


def _out_of_order(s: Stories) -> None:
    sub = s.subs[1]
    day = s.days(2, 6)[0]
    lead = s.rng.choice(s.officers(sub, "INSPECT"))
    e = s.entry(sub, at(day, 9, 10))
    while not s.free_of(lead, e):
        e = s.entry(sub, at(day, 9, 10))
    s.accept(e)
    c = s.control(e, "RANDOM", method="PARTIAL")
    ins = s.inspect(e, c, lead, s.site(sub, "5"), method="PARTIAL", containers=2)
    # the release is keyed in half an hour before the inspection's end: its record was back-filled
    release_ts = ins["end_ts"] - timedelta(minutes=30)
    s.release(e, at_ts=release_ts)
    e.steps.sort(key=lambda r: (r["start_ts"], r["step_seq"]))
    for i, row in enumerate(e.steps, start=1):
        row["step_seq"] = i
    releaser = next(r["officer_id"] for r in e.steps if r["step_code"] == "RELEASE")
    s.write(e, "RELEASED")
    s.out.label(
        "MA-CLR-005",
        "ENTRY_STEP",
        f"{e.entry_id}|RELEASE_BEFORE_INSPECTION_END",
        releaser,
        "released 30 min before the inspection ended",
    )


# --- MA-CLR-003 / 004: inspections too short, evidence missing ----------------------------------------------------


def _short_and_evidence(s: Stories) -> None:
    sub = s.subs[2]
    inspectors = s.rng.sample(s.officers(sub, "INSPECT"), 4)
    short_bad, short_near, ev_bad, ev_near = inspectors
    days = s.days(2, 27)
    for lead, n_short, site_k in ((short_bad, 7, "3"), (short_near, 4, "3")):
        for n in range(21):
            short = n < n_short
            e, _ = s.inspected_entry(
                sub,
                days[n % len(days)],
                "RANDOM",
                lead,
                s.site(sub, site_k),
                method="PARTIAL",
                containers=2,
                minutes=s.rng.uniform(24, 34) if short else s.rng.uniform(55, 75),
            )
            s.write(e, "RELEASED")
    s.out.label("MA-CLR-003", "OFFICER", short_bad, short_bad, "7 of 21 opening inspections under 20 min/container")
    for lead, n, site_k in ((ev_bad, 8, "4"), (ev_near, 10, "4N")):
        for i in range(n):
            e, _ = s.inspected_entry(
                sub,
                days[(i * 2) % len(days)],
                "RANDOM",
                lead,
                s.site(sub, site_k),
                method="FULL",
                photos=0 if i == 0 else None,
            )
            s.write(e, "RELEASED")
    site = s.site(sub, "4")
    s.out.label("MA-CLR-004", "OFFICER_SITE", f"{ev_bad}|{site}", ev_bad, "1 of 8 opening inspections without photos")


# --- MA-CLR-009: a site where inspections wait more than a working day --------------------------------------------


def _wait(s: Stories) -> None:
    sub = s.subs[2]
    days = s.days(3, 28)
    for site_k, slow in (("9", True), ("9N", False)):
        site = s.site(sub, site_k)
        for n in range(20):
            day = days[n % len(days)]
            if slow:  # assigned in the morning, started the next working day after lunch: ~12 working hours
                nxt = day + timedelta(days=1)
                while not is_workday(nxt):
                    nxt += timedelta(days=1)
                e = s.entry(sub, at(day, 9, s.rng.uniform(0, 20)))
                s.accept(e)
                c = s.control(e, "RANDOM")
                wait = at(nxt, 13, s.rng.uniform(0, 30)) - (e.t + timedelta(minutes=10))
                s.inspect(e, c, s.pick(e, "INSPECT"), site, wait=wait)
                s.release(e)
            else:  # same day, ~7.5 working hours later: the near miss under the 8-hour average
                e = s.entry(sub, at(day, 9, s.rng.uniform(0, 5)))
                s.accept(e)
                c = s.control(e, "RANDOM")
                wait = at(day, 17, s.rng.uniform(0, 10)) - (e.t + timedelta(minutes=10))
                s.inspect(e, c, s.pick(e, "INSPECT"), site, wait=wait)
                s.release(e)
            s.write(e, "RELEASED")
    s.out.label("MA-CLR-009", "SITE", s.site(sub, "9"), None, "average wait ~12 working hours over 20 inspections")


# --- MA-CLR-010: 21 controlled entries waiting more than three working days -------------------------------------


def _backlog(s: Stories) -> None:
    sub = s.subs[2]
    sec = s.section(sub, "CONTROL")
    days = workdays_before(s.day, 4, 10)
    oldest = None
    for n in range(21):
        day = days[n % len(days)]
        e = s.entry(sub, at(day, 9, 30 + n))
        s.accept(e)
        c = s.control(e, "RANDOM", status="ACTIVE")
        if oldest is None or c["issue_ts"] < oldest["issue_ts"]:
            oldest = c
        s.write(e, "CONTROLLED")
    # the near miss: three working days old exactly, not yet overdue
    for d in workdays_before(s.day, 3, 3):
        e = s.entry(sub, at(d, 10))
        s.accept(e)
        s.control(e, "RANDOM", status="ACTIVE")
        s.write(e, "CONTROLLED")
    assert oldest is not None
    s.out.label(
        "MA-CLR-010", "SECTION_BACKLOG", f"{sec.unit_code}|{oldest['control_id']}", None, "21 orders waiting > 3 WD"
    )


# --- MA-CLR-006 / 007 / 011: the manifest rules --------------------------------------------------------------------


def _manifest(s: Stories, sub: str, ie: str, k: str, loading: datetime, arrival: datetime | None, departure) -> dict:
    row = {
        "manifest_id": f"MCA{ie}{sub}{s.day:%Y%m%d}{k}",
        "ie_flag": ie,
        "traf_mode": "2",
        "conveyance_id": f"UN9{s.rng.randint(100000, 999999)}",
        "is_container_vessel": True,
        "voyage_no": f"{s.rng.randint(100, 999)}E",
        "customs_code": sub,
        "transmitter_code": s.rng.choice(s.traders[s.district(sub)])["enterprise_code"],
        "loading_ts": loading,
        "first_port_eta": arrival - timedelta(hours=2) if arrival else None,
        "arrival_ts": arrival,
        "departure_ts": departure,
        "last_update_ts": arrival or (loading - timedelta(days=2)),
    }
    s.out.write("manifest", row)
    return row


def _bill(e: Entry, m: dict, pack_no: int, gross_wt: Decimal, arrival_report, status: str) -> dict:
    imp = m["ie_flag"] == "I"
    main = m["loading_ts"] - timedelta(hours=30) if imp else e.head["declare_ts"] - timedelta(hours=2)
    return {
        "manifest_id": m["manifest_id"],
        "bill_no": e.head["bill_no"],
        "consignee_name": "收货人",
        "pack_no": pack_no,
        "gross_wt": gross_wt,
        "goods_desc": "货物",
        "main_data_ts": main,
        "other_data_ts": main + timedelta(hours=1),
        "tally_ts": m["arrival_ts"] + timedelta(hours=1) if imp else None,
        "tally_pack_no": pack_no if imp else None,
        "tally_gross_wt": gross_wt if imp else None,
        "arrival_report_ts": arrival_report,
        "gate_out_ts": e.t + timedelta(hours=1) if imp else None,
        "status": status,
        "disposed_ts": None,
        "modify_count": 0,
        "last_update_ts": e.t + timedelta(hours=1),
    }


def _manifest_rules(s: Stories) -> None:
    sub = s.subs[0]
    day = s.days(1, 5)[0]  # a recent working day
    # MA-CLR-006: sea exports; the bad one has no arrival report, the near miss reported 10 minutes before release
    loading = at(s.day + timedelta(days=2), 15)
    m = _manifest(s, sub, "E", "6", loading, None, None)
    for bad in (True, False):
        e = s.entry(sub, at(day, 9, 20), traf="2", manifest_id=m["manifest_id"])
        s.accept(e)
        release_ts = e.t + timedelta(minutes=40)
        releaser = s.release(e, at_ts=release_ts)
        report = None if bad else release_ts - timedelta(minutes=10)
        e.extra.append(("manifest_bill", _bill(e, m, e.head["pack_no"], e.head["gross_wt"], report, "RELEASED")))
        s.write(e, "RELEASED")
        if bad:
            s.out.label("MA-CLR-006", "ENTRY", e.entry_id, releaser, "sea export released without arrival report")
    # MA-CLR-007: sea imports; 120 packages declared, 100 on the bill; the near miss weighs 4 % more than its bill
    arrival = at(day, 6)
    m = _manifest(s, sub, "I", "7", arrival - timedelta(days=5), arrival, None)
    for bad in (True, False):
        e = s.entry(
            sub,
            at(day, 9, 30),
            ie="I",
            traf="2",
            manifest_id=m["manifest_id"],
            pack_no=120 if bad else 100,
            gross_wt=Decimal(5000) if bad else Decimal(5200),
            arrival_ts=arrival,
        )
        s.accept(e)
        s.tax(e)
        releaser = s.release(e)
        e.extra.append(("manifest_bill", _bill(e, m, 100, Decimal(5000), None, "RELEASED")))
        s.write(e, "RELEASED")
        if bad:
            s.out.label("MA-CLR-007", "ENTRY", e.entry_id, releaser, "120 packages declared, 100 on the bill")
    # MA-CLR-011: sea exports declared 22 h before loading; the near miss 25 h before
    for bad in (True, False):
        declare = at(day, 10) if bad else at(day, 9)
        loading = declare + timedelta(hours=22 if bad else 25)
        m = _manifest(s, sub, "E", "11" if bad else "11N", loading, None, None)
        e = s.entry(sub, declare, traf="2", manifest_id=m["manifest_id"])
        acceptor = s.accept(e)
        release_ts = e.t + timedelta(minutes=30)
        s.release(e, at_ts=release_ts)
        e.extra.append(
            (
                "manifest_bill",
                _bill(e, m, e.head["pack_no"], e.head["gross_wt"], declare - timedelta(minutes=20), "RELEASED"),
            )
        )
        s.write(e, "RELEASED")
        if bad:
            s.out.label("MA-CLR-011", "ENTRY", e.entry_id, acceptor, "declared 22 h before loading")


# --- MA-CLR-008: deleted, then re-declared 20 % cheaper ------------------------------------------------------------


def _deleted_redeclared(s: Stories) -> None:
    sub = s.subs[1]
    days = s.days(1, 8)
    b_day, a_day = days[0], days[-1]
    for bad in (True, False):
        code = "0901210000" if bad else "8471300000"  # coffee: 15 % MFN; laptops: 0 %
        rate = Decimal("0.15") if bad else Decimal(0)
        a = s.entry(sub, at(a_day, 9, 40 if bad else 50), ie="I", code_ts=code, value_usd=40_000, duty_rate=rate)
        a_reviewer = s.review(a)
        approver = s.pick(a, "REVIEW", (a_reviewer,))
        s.tax(a, paid=False)  # bills issued at once (AP-TAR-007), cancelled with the deletion
        apply_ts = a.t + timedelta(minutes=30)
        decision_ts = apply_ts + timedelta(minutes=45)
        for table, row in a.extra:
            if table == "tax_bill":
                row.update(status="CANCELLED", cancel_officer_id=approver, cancel_ts=decision_ts)
                row["last_update_ts"] = decision_ts
        a.extra.append(
            (
                "dec_modify_apply",
                {
                    "apply_id": f"MCA{a.entry_id[-14:]}",
                    "entry_id": a.entry_id,
                    "apply_type": "DELETE",
                    "initiator": "ENTERPRISE",
                    "reason_code": "07",
                    "apply_ts": apply_ts,
                    "accept_ts": apply_ts + timedelta(minutes=10),
                    "approve_officer_id": approver,
                    "decision": "APPROVED",
                    "decision_ts": decision_ts,
                    "after_release": False,
                    "fields_changed": None,
                    "last_update_ts": decision_ts,
                },
            )
        )
        a.step("DELETE", approver, s.section(sub, "REVIEW").unit_code, decision_ts, 1)
        s.write(a, "DELETED")
        b = s.entry(
            sub,
            at(b_day, 9, 40 if bad else 50),
            ie="I",
            code_ts=code,
            value_usd=32_000 if bad else 38_000,
            duty_rate=rate,
            trade_co=a.head["trade_co"],
            bill_no=a.head["bill_no"],
        )
        reviewer = s.review(b)
        s.accept(b, (reviewer,))
        s.tax(b)
        s.release(b, exclude=(reviewer,))
        s.write(b, "RELEASED")
        if bad:
            pair = f"{a.entry_id}>{b.entry_id}"
            s.out.label(
                "MA-CLR-008", "DELETE_REDECLARE", f"{pair}|APPROVER", approver, "deleted, re-declared 20 % lower"
            )
            s.out.label("MA-CLR-008", "DELETE_REDECLARE", f"{pair}|REVIEWER", reviewer, "re-declaration reviewed")
