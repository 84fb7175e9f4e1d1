"""Monitoring analyses of clearance, second batch: the stories behind MA-CLR-012 … MA-CLR-022.

Every story is anchored on the business day D and delivered whole on D: its declarations (dec_head, dec_item, the
full dec_workflow trail, tax bills, control orders, inspections, manifests, fees, extensions) carry their own,
older timestamps, so a warehouse starting on D sees the pattern as it built up over the 30- or 90-day window.
Each story crosses its check's threshold clearly and is labelled; beside it a near miss stays just inside.

The windows are placed to stay out of the other analyses' way: the 90-day relationship patterns (MA-CLR-017, 019,
020, 021, 022) happen 31–88 days before D, outside every 30-day window; MA-CLR-018 (30 days) happens 5–25 days
before D, inside the rostered period of the operations domain (off duty = 00:00–08:00 there). A story's
declarations are exports by air without a manifest (no tax, no sea-manifest rules, nothing left open) unless its
check needs an import or a manifest; exports are closed after release unless the story is about closing.

Entry ids: <customs><anchor year><I/E><anchor day of year><seq>, seq in 910000–919999 with the last three digits
>= 500 (so never equal to the core generator's aged objects, 900000 + days·1000 + a small slot). Other keys carry
'MCB'. The officers a story charges never declared an interest in its enterprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from customs_risk.generator.clearance import Emit, declared_conflicts, goods_name
from customs_risk.generator.context import DayContext
from customs_risk.generator.domains import manifest_transit as mt
from customs_risk.generator.organisation import Officer, Section, module_enterprise

STREAM = "ma_clearance_b"
TZ = mt.TZ
SEQ_BASE = 910_000
STORY_COMPANIES = 22  # enterprises reserved for the stories' patterns; the rest make up their backgrounds
CLEAN_CLASSES = ("ADV_CERT", "GEN_CERT", "GENERAL")
HS = ["8471300000", "8517620000", "8542319000", "9403200000"]
FEE_RATE = Decimal("0.0005")
CENT = Decimal("0.01")


def _at(day: date, hh: int, mm: float = 0) -> datetime:
    return datetime.combine(day, time(hh, 0), TZ) + timedelta(minutes=mm)


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


@dataclass
class Decl:
    entry_id: str
    ie: str
    sub: str
    trade_co: str
    agent: str
    declare_ts: datetime
    head: dict = field(default_factory=dict)
    items: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    rows: list[tuple[str, dict]] = field(default_factory=list)
    t: datetime | None = None

    def step(self, code: str, officer: Officer | None, sec: Section | None, start: datetime, minutes: float) -> None:
        end = start + timedelta(minutes=minutes)
        self.steps.append(
            {
                "entry_id": self.entry_id,
                "step_seq": len(self.steps) + 1,
                "step_code": code,
                "officer_id": officer.officer_id if officer else None,
                "section_unit_code": sec.unit_code if sec else None,
                "customs_code": self.sub,
                "queue_entered_ts": start,
                "start_ts": start,
                "end_ts": end,
                "result_code": "DONE" if code == "DECLARE" else "PASS",
                "is_manual": officer is not None,
                "remark": None,
            }
        )
        self.t = end


class Stories:
    """Builds the clean declarations the stories are made of, numbered in this module's block."""

    def __init__(self, ctx: DayContext, out: Emit):
        self.ctx, self.out, self.day = ctx, out, ctx.biz_date
        self.rng = ctx.rng(STREAM)
        self.n = 0
        self.subs = sorted({s.subordinate_code for s in ctx.org.sections})
        self.conflicts = {(c["officer_id"], c["enterprise_code"]) for c in declared_conflicts(ctx.org, ctx.seed)}
        district = ctx.org.sections[0].district_code
        self.traders = [
            e
            for e in ctx.org.enterprises
            if e["registered_customs_code"] == district
            and e["credit_class"] in CLEAN_CLASSES
            and e["status"] == "active"
        ]
        shuffled = [e["enterprise_code"] for e in self.rng.sample(self.traders, len(self.traders))]
        # the stories' own enterprises never turn up in another story's background (their pattern days stay few)
        self.companies = iter(shuffled[:STORY_COMPANIES])
        self.background = shuffled[STORY_COMPANIES:]
        self.reserved: dict[str, set[str]] = {}  # officers kept out of the random picks (per customs)

    # --- organisation ---------------------------------------------------------------------------------------
    def sec(self, sub: str, post: str) -> Section:
        return self.ctx.org.section_for(sub, "clearance", post)

    def officers(self, sub: str, post: str, parties: tuple[str, ...] = ()) -> list[Officer]:
        return [
            o
            for o in self.sec(sub, post).officers[post]
            if not any((o.officer_id, p) in self.conflicts for p in parties)
        ]

    def pick(self, d: Decl, post: str, exclude: tuple[str, ...] = ()) -> Officer:
        banned = set(exclude) | self.reserved.get(d.sub, set())
        pool = [o for o in self.officers(d.sub, post, (d.trade_co, d.agent)) if o.officer_id not in banned]
        return self.rng.choice(pool)

    def company(self) -> str:
        return next(self.companies)

    def any_company(self) -> str:
        return self.rng.choice(self.background)

    # --- declarations ---------------------------------------------------------------------------------------
    def entry_id(self, sub: str, ie: str) -> str:
        seq = SEQ_BASE + (self.n // 500) * 1000 + 500 + self.n % 500
        self.n += 1
        return f"{sub}{self.day.year}{'1' if ie == 'I' else '0'}{self.day.timetuple().tm_yday:03d}{seq:06d}"

    def declaration(
        self,
        sub: str,
        ie: str,
        day: date,
        trade_co: str,
        agent: str | None = None,
        trade_mode: str = "0110",
        hour: float = 9.0,
        items: list[tuple[str, int]] | None = None,
        duty_mode: str = "1",
        related: str | None = None,
        accept: Officer | None = None,
    ) -> Decl:
        rng = self.rng
        declare_ts = _at(day, 0, hour * 60 + rng.uniform(0, 20))
        d = Decl(self.entry_id(sub, ie), ie, sub, trade_co, agent or trade_co, declare_ts)
        vat_due = ie == "I" and duty_mode != "3"
        total = Decimal(0)
        for g_no, (code_ts, qty) in enumerate(items or [(rng.choice(HS), rng.randint(5, 200))], start=1):
            usd = Decimal(rng.randint(3_000, 60_000))
            cny = (usd * Decimal("7.10")).quantize(CENT)
            total += cny
            d.items.append(
                {
                    "entry_id": d.entry_id,
                    "g_no": g_no,
                    "code_ts": code_ts,
                    "ciq_code": "999",
                    "g_name": goods_name(code_ts),
                    "g_model": "规格",
                    "g_qty": Decimal(qty),
                    "g_unit": "007",
                    "qty_1": Decimal(qty),
                    "unit_1": "007",
                    "decl_price": (usd / qty).quantize(Decimal("0.0001")),
                    "decl_total": usd,
                    "trade_curr": "USD",
                    "origin_country": "USA" if ie == "I" else "CHN",
                    "dest_country": "CHN" if ie == "I" else "USA",
                    "duty_mode": duty_mode,
                    "usd_value": usd,
                    "cny_value": cny,
                    "applied_duty_rate": Decimal(0),
                    "applied_rate_type": "MFN",
                    "duty_amount_cny": Decimal(0),
                    "vat_amount_cny": (cny * Decimal("0.13")).quantize(CENT) if vat_due else Decimal(0),
                    "consumption_amount_cny": Decimal(0),
                }
            )
        d.head = {
            "entry_id": d.entry_id,
            "pre_entry_id": f"P{d.entry_id[1:]}",
            "ie_flag": ie,
            "declare_customs_code": sub,
            "ie_port_code": sub,
            "ie_date": day,
            "declare_ts": declare_ts,
            "trade_mode": trade_mode,
            "cut_mode": "101" if duty_mode != "3" else "299",
            "trans_mode": "1",
            "traf_mode": "5",
            "traf_name": "CA AIRFREIGHT",
            "voyage_no": f"CA{rng.randint(100, 999)}",
            "bill_no": f"AWB{d.entry_id[-11:]}",
            "manifest_id": None,
            "manual_no": None,
            "related_manual_no": None,
            "related_entry_id": related,
            "trade_co": trade_co,
            "owner_code": trade_co,
            "agent_code": d.agent,
            "trade_country": "USA",
            "depart_arrive_country": "USA",
            "district_code": "44199",
            "pack_no": rng.randint(1, 50),
            "wrap_type": "22",
            "gross_wt": Decimal(rng.randint(50, 2000)),
            "net_wt": Decimal(rng.randint(40, 1900)),
            "entry_type": "M",
            "special_type": None,
            "tax_payment_mode": "NORMAL",
            "is_concentrated": False,
            "is_advance_declaration": False,
            "provisional_price_flag": False,
            "guarantee_release_flag": False,
            "conveyance_arrival_ts": declare_ts - timedelta(days=rng.randint(1, 4)) if ie == "I" else None,
            "total_value_cny": total,
        }
        d.step("DECLARE", None, None, declare_ts, 0)
        d.step("E_REVIEW", None, None, d.t, 1)
        accept = accept or self.pick(d, "ACCEPT")
        d.step("ACCEPT", accept, self.sec(sub, "ACCEPT"), d.t + timedelta(minutes=rng.uniform(5, 20)), 8)
        if vat_due:
            self.tax(d)
        return d

    def tax(self, d: Decl) -> None:
        sec = self.ctx.org.section_for(d.sub, "tariff_review", "TAX")
        officer = self.rng.choice([o for o in sec.officers["TAX"] if (o.officer_id, d.trade_co) not in self.conflicts])
        d.step("TAX", officer, sec, d.t + timedelta(minutes=5), 6)
        vat = sum((i["vat_amount_cny"] for i in d.items), Decimal(0))
        paid = d.t + timedelta(minutes=self.rng.uniform(20, 60))
        d.rows.append(
            (
                "tax_bill",
                {
                    "tax_bill_no": f"{d.entry_id}-L01",
                    "entry_id": d.entry_id,
                    "tax_type": "L",
                    "amount_cny": vat,
                    "issue_ts": d.t,
                    "due_date": (d.t + timedelta(days=15)).date(),
                    "paid_ts": paid,
                    "written_off_ts": paid + timedelta(hours=1),
                    "payer_code": d.trade_co,
                    "payer_uscc": next(e["uscc"] for e in self.traders if e["enterprise_code"] == d.trade_co),
                    "issuing_officer_id": officer.officer_id,
                    "status": "PAID",
                    "cancel_officer_id": None,
                    "cancel_ts": None,
                    "replaced_by_bill_no": None,
                    "last_update_ts": paid + timedelta(hours=1),
                },
            )
        )
        d.t = paid

    def control(self, d: Decl, method: str = "MACHINE") -> dict:
        issuer = self.pick(d, "CONTROL")
        sec = self.sec(d.sub, "CONTROL")
        d.step("CONTROL", issuer, sec, d.t + timedelta(minutes=3), 2)
        row = {
            "control_id": f"RC{d.entry_id}",
            "entry_id": d.entry_id,
            "control_source": "RANDOM",
            "required_method": method,
            "issue_officer_id": issuer.officer_id,
            "issue_unit_code": sec.unit_code,
            "issue_ts": d.t,
            "status": "EXECUTED",
            "cancel_officer_id": None,
            "cancel_ts": None,
            "cancel_reason": None,
            "cancel_approve_officer_id": None,
            "last_update_ts": d.t,
        }
        d.rows.append(("risk_control", row))
        return row

    def inspect(self, d: Decl, lead: Officer, assigner: Officer) -> None:
        control = self.control(d)
        sec = self.sec(d.sub, "INSPECT")
        second = self.pick(d, "INSPECT", exclude=(lead.officer_id,))
        assign_ts = d.t + timedelta(minutes=10)
        start = assign_ts + timedelta(minutes=self.rng.uniform(15, 45))
        end = start + timedelta(minutes=self.rng.uniform(35, 45))
        d.step("INSPECT", lead, sec, start, (end - start).total_seconds() / 60)
        d.rows.append(
            (
                "inspection",
                {
                    "insp_id": f"IN{d.entry_id}",
                    "entry_id": d.entry_id,
                    "control_id": control["control_id"],
                    "assign_officer_id": assigner.officer_id,
                    "assign_ts": assign_ts,
                    "lead_officer_id": lead.officer_id,
                    "second_officer_id": second.officer_id,
                    "start_ts": start,
                    "end_ts": end,
                    "method": control["required_method"],
                    "container_count": 1,
                    "result": "NORMAL",
                    "result_entered_ts": end + timedelta(minutes=15),
                    "result_modified_ts": None,
                    "result_before_modify": None,
                    "record_signed_ts": end + timedelta(minutes=20),
                    "signer_count": 3,
                    "photo_count": self.rng.randint(3, 9),
                    "sample_taken": False,
                    "handling": "NONE",
                    "handover_ts": None,
                    "site_code": f"{d.sub}S1",
                    "postponed_by_trader": False,
                    "last_update_ts": end + timedelta(minutes=20),
                },
            )
        )
        d.t = end + timedelta(minutes=20)

    def release(self, d: Decl, officer: Officer | None = None, at: datetime | None = None) -> Officer:
        officer = officer or self.pick(d, "RELEASE")
        d.step("RELEASE", officer, self.sec(d.sub, "RELEASE"), at or d.t + timedelta(minutes=15), 3)
        return officer

    def close(self, d: Decl, at: datetime | None = None) -> None:
        d.step("CLOSE", self.pick(d, "RELEASE"), self.sec(d.sub, "RELEASE"), at or d.t + timedelta(hours=2), 2)

    def finish(self, d: Decl, closed: bool | None = None) -> None:
        """Release (when not yet released), close exports, and write every row."""
        if not any(s["step_code"] == "RELEASE" for s in d.steps):
            self.release(d)
        if closed if closed is not None else d.ie == "E":
            self.close(d)
        last = max(s["end_ts"] for s in d.steps)
        for s in d.steps:
            self.out.write("dec_workflow", s)
        for item in d.items:
            self.out.write("dec_item", {**item, "last_update_ts": last})
        for table, row in d.rows:
            self.out.write(table, row)
        status = "CLOSED" if any(s["step_code"] == "CLOSE" for s in d.steps) else "RELEASED"
        self.out.write("dec_head", {**d.head, "dec_status": status, "last_update_ts": last})

    def simple(self, sub: str, day: date, trade_co: str, agent: str | None = None, **kw) -> Decl:
        d = self.declaration(sub, "E", day, trade_co, agent, **kw)
        self.finish(d)
        return d


def generate(ctx: DayContext, out: Emit) -> None:
    s = Stories(ctx, out)
    sub0, sub1, sub2 = (s.subs * 3)[:3]
    _duty_synchronised(s, sub0)  # first: it reserves its officer at sub0
    _late_closings(s, sub1, sub2)
    _late_fee_understated(s, sub0)
    _temporary_not_reexported(s, sub1)
    _return_after_one_year(s, sub2)
    _free_replacement(s, sub0)
    _inspector_pairing(s, sub1)
    _off_duty_operations(s, sub2)
    _cancellations(s, sub0)
    _steered_assignments(s, sub2)
    _broker_affinity(s, sub1)


# --- MA-CLR-012: late closings ----------------------------------------------------------------------------------


def _late_closings(s: Stories, sub: str, near_sub: str) -> None:
    """12 exports released 9–12 days ago, their flights left 8–11 days ago, never closed (section of sub).

    Near miss at near_sub: one such late export among the day's releases (share ~2 %), and one late but closed."""
    transmitters = [s.any_company()]

    def export(target_sub: str, k: int, closed: bool) -> None:
        day = s.day - timedelta(days=9 + k % 4)
        m = mt.ExportManifest(
            manifest_id=f"MEMCB{target_sub}{day:%Y%m%d}5{s.n % 100:02d}",
            customs=target_sub,
            traf="5",
            loading_ts=_at(day + timedelta(days=1), 15),
            departure_ts=_at(day + timedelta(days=1), 20),
            created_ts=_at(day - timedelta(days=2), 9),
            conveyance_id=f"B-MCB{k:02d}",
            voyage_no=f"CZ{300 + k}",
            container=None,
            transmitter=transmitters[0],
        )
        d = s.declaration(target_sub, "E", day, s.any_company())
        d.head["manifest_id"] = m.manifest_id
        d.head["ie_date"] = m.departure_ts.date()
        s.release(d)
        bill = mt.export_bill(
            s.rng,
            m,
            d.head["bill_no"],
            "CONSIGNEE",
            d.head["pack_no"],
            d.head["gross_wt"],
            "货物",
            d.declare_ts,
            d.t,
        )
        out = s.out
        out.write("manifest", m.row(s.day))
        out.write("manifest_bill", bill)
        if closed:
            s.close(d, at=m.departure_ts + timedelta(hours=30))
        s.finish(d, closed=closed)

    for k in range(12):
        export(sub, k, closed=False)
    section = s.sec(sub, "RELEASE").unit_code
    s.out.label("MA-CLR-012", "SECTION", section, None, "12 exports released 9–12 days ago, departed, not closed")
    export(near_sub, 0, closed=False)
    export(near_sub, 1, closed=True)


# --- MA-CLR-013: late-declaration fee understated -----------------------------------------------------------------


def _late_fee_understated(s: Stories, sub: str) -> None:
    """Imports declared 5 days ago, 20 days after arrival (6 days late): one charged 3 days, one right to 0.5 %."""
    for k, (days, shortfall) in enumerate(((3, Decimal(0)), (6, Decimal("0.005")))):
        day = s.day - timedelta(days=5)
        d = s.declaration(sub, "I", day, s.company())
        d.head["conveyance_arrival_ts"] = _at(day - timedelta(days=20), 22)
        value = d.head["total_value_cny"]
        expected = (value * FEE_RATE * 6).quantize(CENT)
        amount = (value * FEE_RATE * days).quantize(CENT) if days < 6 else (expected * (1 - shortfall)).quantize(CENT)
        accept = next(x for x in d.steps if x["step_code"] == "ACCEPT")
        fee_id = f"LF{d.entry_id}"
        d.rows.append(
            (
                "late_fee",
                {
                    "fee_id": fee_id,
                    "entry_id": d.entry_id,
                    "fee_type": "DECLARE_LATE",
                    "days_charged": days,
                    "calc_amount_cny": amount,
                    "levied_amount_cny": amount,
                    "waived_amount_cny": Decimal(0),
                    "waive_officer_id": None,
                    "waive_ts": None,
                    "waive_reason": None,
                    "created_ts": accept["end_ts"],
                    "last_update_ts": accept["end_ts"],
                },
            )
        )
        s.finish(d)
        if k == 0:
            s.out.label("MA-CLR-013", "LATE_FEE", fee_id, accept["officer_id"], "6 days late, 3 days charged")


# --- MA-CLR-014: temporary admission not re-exported ------------------------------------------------------------


def _temporary_not_reexported(s: Stories, sub: str) -> None:
    """2600 imports of 200 days ago: one never re-exported (labelled); one re-exported in full; one extended."""
    day = s.day - timedelta(days=200)
    for k in range(3):
        items = [("8471300000", 10), ("9403200000", 4)]
        d = s.declaration(sub, "I", day, s.company(), trade_mode="2600", items=items, duty_mode="3")
        s.finish(d)
        if k == 0:
            s.out.label("MA-CLR-014", "ENTRY", d.entry_id, None, "temporary import 200 days ago, not re-exported")
        elif k == 1:
            x = s.declaration(sub, "E", s.day - timedelta(days=60), d.trade_co, trade_mode="2600", items=items)
            s.finish(x)
        else:
            s.out.write(
                "dec_extension_approval",
                {
                    "entry_id": d.entry_id,
                    "ext_type": "TEMP_ADMISSION",
                    "approved_until": s.day + timedelta(days=30),
                    "officer_id": s.pick(d, "RELEASE").officer_id,
                    "approve_ts": _at(day + timedelta(days=170), 10),
                },
            )


# --- MA-CLR-015 / 016: returns and free replacements late -------------------------------------------------------


def _original(s: Stories, sub: str, trade_co: str, day: date) -> str:
    d = s.declaration(sub, "E", day, trade_co)
    s.finish(d)
    return d.entry_id


def _return_after_one_year(s: Stories, sub: str) -> None:
    """4561 duty-free returns declared 6 days ago: original exported a year and a day before (labelled) / a year."""
    day = s.day - timedelta(days=6)
    for k, original_day in enumerate((_years_before(day, 1) - timedelta(days=1), _years_before(day, 1))):
        trade_co = s.company()
        original = _original(s, sub, trade_co, original_day)
        d = s.declaration(sub, "I", day, trade_co, trade_mode="4561", duty_mode="3", related=original)
        releaser = s.release(d)
        s.finish(d)
        if k == 0:
            s.out.label("MA-CLR-015", "ENTRY", d.entry_id, releaser.officer_id, "4561 return 1 year + 1 day, exempt")


def _free_replacement(s: Stories, sub: str) -> None:
    """3100 replacements declared 4 days ago: one without an original (labelled), one exactly three years on."""
    day = s.day - timedelta(days=4)
    d = s.declaration(sub, "I", day, s.company(), trade_mode="3100", duty_mode="3")
    releaser = s.release(d)
    s.finish(d)
    s.out.label("MA-CLR-016", "ENTRY", d.entry_id, releaser.officer_id, "3100 replacement without original entry")
    trade_co = s.company()
    original = _original(s, sub, trade_co, _years_before(day, 3))
    s.finish(s.declaration(sub, "I", day, trade_co, trade_mode="3100", duty_mode="3", related=original))


# --- MA-CLR-017 / 020: inspection pairing and steering ----------------------------------------------------------


def _inspections(
    s: Stories, sub: str, trade_co: str, leads: list[Officer], assigners: list[Officer], first: int, per_day: int = 2
):
    """One controlled, inspected export per lead (per_day a day, a week apart), from `first` days before D back."""
    for i, (lead, assigner) in enumerate(zip(leads, assigners, strict=True)):
        day = s.day - timedelta(days=first + 7 * (i // per_day))
        d = s.declaration(sub, "E", day, trade_co, hour=9 + 2 * (i % per_day))
        s.inspect(d, lead, assigner)
        s.finish(d)


def _inspector_pairing(s: Stories, sub: str) -> None:
    """X leads 10 of enterprise P's 12 inspections (4 days, 35–56 days ago); Y leads 9 of Q's 10 (near miss).

    Assignments rotate over every assigner, so no assigner steers (MA-CLR-020); every inspector of the site leads
    at least one inspection in the window (peers >= 4)."""
    p, q = s.company(), s.company()
    inspectors = s.officers(sub, "INSPECT", (p, q))
    assigners = s.officers(sub, "INSPECT_ASSIGN", (p, q))
    x, y = inspectors[0], inspectors[1]
    others = [o for o in inspectors if o not in (x, y)]
    leads = [x] * 10 + others[:2]
    _inspections(s, sub, p, leads, [assigners[i % len(assigners)] for i in range(12)], 35, per_day=3)
    s.out.label("MA-CLR-017", "OFFICER_ENTERPRISE", f"{x.officer_id}|{p}", x.officer_id, "10 of 12 inspections")
    leads = [y] * 9 + others[2:3]
    _inspections(s, sub, q, leads, [assigners[(i + 3) % len(assigners)] for i in range(10)], 36)
    for o in others:  # peers at the site
        _inspections(s, sub, s.any_company(), [o], [assigners[0]], 50)


def _steered_assignments(s: Stories, sub: str) -> None:
    """Assigner A gives 6 of his 7 assignments of enterprise R to inspector L; A2 gives 4 of S's to L2 (near miss)."""
    r, t = s.company(), s.company()
    inspectors = s.officers(sub, "INSPECT", (r, t))
    assigners = s.officers(sub, "INSPECT_ASSIGN", (r, t))
    a, a2 = assigners[0], assigners[1]
    lead, lead2 = inspectors[0], inspectors[1]
    others = [o for o in inspectors if o not in (lead, lead2)]
    _inspections(s, sub, r, [lead] * 6 + [others[0]], [a] * 7, 40)
    s.out.label(
        "MA-CLR-020",
        "ASSIGNER_INSPECTOR_ENTERPRISE",
        f"{a.officer_id}|{lead.officer_id}|{r}",
        a.officer_id,
        "6 of 7 assignments of one enterprise to one inspector",
    )
    _inspections(s, sub, t, [lead2] * 4 + [others[1]], [a2] * 5, 41)
    for o in others:  # peers at the site
        _inspections(s, sub, s.any_company(), [o], [assigners[2]], 60)


# --- MA-CLR-018: off-duty operations ------------------------------------------------------------------------------


def _off_duty_operations(s: Stories, sub: str) -> None:
    """Officer R releases 4 exports of enterprise U at 02:00 (off duty) on 4 days 5–25 days ago; R2 twice for V."""
    u, v = s.company(), s.company()
    releasers = s.officers(sub, "RELEASE", (u, v))
    for officer, trade_co, n in ((releasers[0], u, 4), (releasers[1], v, 2)):
        for i in range(n):
            day = s.day - timedelta(days=5 + 6 * i)
            d = s.declaration(sub, "E", day - timedelta(days=1), trade_co, hour=19)
            s.release(d, officer, at=_at(day, 2, s.rng.uniform(0, 30)))
            s.close(d, at=_at(day, 10))  # closed back on duty
            s.finish(d, closed=False)
    s.out.label(
        "MA-CLR-018",
        "OFFICER_ENTERPRISE",
        f"{releasers[0].officer_id}|{u}",
        releasers[0].officer_id,
        "4 releases at 02:00 for one enterprise",
    )


# --- MA-CLR-019: controls cancelled for one enterprise ------------------------------------------------------------


def _cancellations(s: Stories, sub: str) -> None:
    """Officer C cancels (approved by the chief) 3 control orders on enterprise W's exports 40–70 days ago; C2 two."""
    w, z = s.company(), s.company()
    cancellers = s.officers(sub, "CONTROL", (w, z))
    chief = s.sec(sub, "CONTROL").officers["SUPERVISOR"][0]
    for officer, trade_co, n in ((cancellers[0], w, 3), (cancellers[1], z, 2)):
        for i in range(n):
            d = s.declaration(sub, "E", s.day - timedelta(days=40 + 15 * i), trade_co)
            control = s.control(d)
            control.update(
                status="CANCELLED",
                cancel_officer_id=officer.officer_id,
                cancel_ts=d.t + timedelta(minutes=20),
                cancel_reason="企业申请",
                cancel_approve_officer_id=chief.officer_id,
                last_update_ts=d.t + timedelta(minutes=20),
            )
            d.t += timedelta(minutes=30)
            s.finish(d)
    s.out.label(
        "MA-CLR-019",
        "OFFICER_ENTERPRISE",
        f"{cancellers[0].officer_id}|{w}",
        cancellers[0].officer_id,
        "3 control orders on one enterprise cancelled by one officer",
    )


# --- MA-CLR-021: broker affinity ----------------------------------------------------------------------------------


def _broker_affinity(s: Stories, sub: str) -> None:
    """Officer K accepts 52 of broker B's entries 31–82 days ago; K2 accepts 40 of broker B2's (near miss, with room
    for the few entries of B2 that other modules' clean declarations give K2)."""
    b, b2 = s.company(), s.company()
    accepters = s.officers(sub, "ACCEPT", (b, b2))
    for officer, broker, n in ((accepters[0], b, 52), (accepters[1], b2, 40)):
        for i in range(n):
            trade_co = s.any_company()
            if (officer.officer_id, trade_co) in s.conflicts:
                trade_co = broker
            s.simple(sub, s.day - timedelta(days=31 + i), trade_co, broker, accept=officer)
    s.out.label(
        "MA-CLR-021",
        "OFFICER_BROKER",
        f"{accepters[0].officer_id}|{b}",
        accepters[0].officer_id,
        "52 of the broker's entries accepted by one officer",
    )


# --- MA-CLR-022: declarations follow one officer's duty days ------------------------------------------------------


def _own_enterprise(s: Stories, k: int) -> str:
    """An enterprise of this module only, written to the day's enterprise snapshot: no other module declares for it,
    so its declaration days are exactly the story's."""
    code = f"MCB022{k:04d}"
    s.out.write(
        "enterprise", module_enterprise(code, f"同步申报贸易有限公司{k:04d}", s.ctx.org.sections[0].district_code)
    )
    return code


def _duty_synchronised(s: Stories, sub: str) -> None:
    """Enterprise E declares on 12 days, the only days (of 52 with declarations, 31–88 days ago) officer W works;
    W accepts them all. F declares on 6 days, all accepted by W2, but W2 also accepts every background entry (near
    miss: W2 works on most days, so the lift stays near 1; 6 days leaves room below min_days for F's entries from
    other modules)."""
    s.company(), s.company()  # keep the draw order of the other stories
    e, f = _own_enterprise(s, 1), _own_enterprise(s, 2)
    accepters = s.officers(sub, "ACCEPT", (e, f))
    w, w2 = accepters[0], accepters[1]
    s.reserved[sub] = {w.officer_id, w2.officer_id}
    days = [s.day - timedelta(days=31 + i) for i in range(58)]
    duty = days[::4][:12]
    duty2 = [x for x in days[2::4]][:6]
    for day in days:
        if day in duty:
            s.simple(sub, day, e, accept=w)
        elif day in duty2:
            s.simple(sub, day, f, accept=w2)
        else:
            background = s.any_company()
            while background in (e, f):  # E's and F's days are the story's own
                background = s.any_company()
            s.simple(sub, day, background, accept=w2)
    s.out.label(
        "MA-CLR-022",
        "OFFICER_ENTERPRISE",
        f"{w.officer_id}|{e}",
        w.officer_id,
        "enterprise declares only on the 12 days the officer works",
    )
