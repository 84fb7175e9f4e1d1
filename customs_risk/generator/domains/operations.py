"""Operations: the officers' duty roster, the system operation log, and the high-risk enforcement cases.

- `officer_duty_roster` (reference, full snapshot every day): every officer on duty 08:00–24:00 on every day from
  ROSTER_DAYS_BACK days before the business day (fewer for the national preset, see ROSTER_ROW_BUDGET) to
  ROSTER_DAYS_AHEAD after it — a normal shift 08:00–17:30 and an overtime shift 17:30–24:00 on working days, an
  on-call shift 08:00–24:00 on other days (the port clears seven days a week). Every clean workflow step of the
  generator falls inside it; 00:00–08:00 is off duty (scenarios that need an off-duty act put it there).
- `ops_audit_log` (event): a LOGIN and a LOGOUT per officer (one terminal and address each), a few enterprise
  queries, and the supervision chiefs viewing alerts. Override actions (FORCE_RELEASE, CLEAR_CONTROL_FLAG,
  UNLOCK_ENTRY) and INSPECTION_RESULT_EDIT appear only in the labelled scenarios.
- The AP-HR scenarios run on this module's own declarations (entry-id sequence numbers ENTRY_SEQ_BASE…+99999),
  built with the clean shape of clearance.py and then bent in exactly one way, so each raises its own check only.
  They are not added to ctx.declarations: no other domain hangs rows off them.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from customs_risk.generator.clearance import Emit, declared_conflicts, declared_item, freight_and_insurance
from customs_risk.generator.context import DayContext
from customs_risk.generator.organisation import Officer, Organisation, Section, calendar_rows

TZ = ZoneInfo("Asia/Shanghai")
ROSTER_DAYS_BACK = 31  # the 30-day monitor windows see rostered days only …
ROSTER_MIN_DAYS_BACK = 7
ROSTER_ROW_BUDGET = 600_000  # … unless that would exceed this many roster rows a day (the national preset)
ROSTER_DAYS_AHEAD = 7
ENTRY_SEQ_BASE = 700_000  # this module's block of entry-id sequence numbers: 700000–799999
LOG_ID_BLOCK = 70  # log_id = YYYYMMDD·10^8 + 70·10^6 + n: this module's block of operation-log ids
HS_CODES = ["8471300000", "8517620000", "3901100000", "8542319000", "9403200000"]
COUNTRIES = ["USA", "JPN", "KOR", "DEU", "VNM", "AUS"]
CURRENCIES = {"USA": "USD", "JPN": "JPY", "KOR": "KRW", "DEU": "EUR"}
CLEAN_CLASSES = {"ADV_CERT", "GEN_CERT", "GENERAL"}


def generate(ctx: DayContext, out: Emit) -> None:
    rng = ctx.rng("operations")
    _roster(ctx, out)
    log = OpsLog(ctx.biz_date, out)
    _background_log(ctx, rng, log)
    _scenarios(ctx, rng, out, log)


# --- roster --------------------------------------------------------------------------------------------------


def _at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), TZ)


def _workdays(first: date, last: date) -> set[date]:
    days: set[date] = set()
    for year in range(first.year, last.year + 1):
        days |= {r["cal_date"] for r in calendar_rows(year) if r["is_workday"]}
    return days


def _roster(ctx: DayContext, out: Emit) -> None:
    days_back = min(ROSTER_DAYS_BACK, max(ROSTER_MIN_DAYS_BACK, ROSTER_ROW_BUDGET // (2 * len(ctx.org.officers))))
    first = ctx.biz_date - timedelta(days=days_back)
    last = ctx.biz_date + timedelta(days=ROSTER_DAYS_AHEAD)
    workdays = _workdays(first, last)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    for officer in ctx.org.officers:
        for d in days:
            midnight = _at(d + timedelta(days=1), 0)
            shifts = (
                [("normal", _at(d, 8), _at(d, 17, 30)), ("overtime", _at(d, 17, 30), midnight)]
                if d in workdays
                else [("on_call", _at(d, 8), midnight)]
            )
            for duty_type, start, end in shifts:
                out.write(
                    "officer_duty_roster",
                    {
                        "officer_id": officer.officer_id,
                        "duty_date": d,
                        "shift_start_ts": start,
                        "shift_end_ts": end,
                        "duty_type": duty_type,
                    },
                )


# --- operation log -------------------------------------------------------------------------------------------


@dataclass
class OpsLog:
    """Writes ops_audit_log rows with this module's block of log ids; each officer keeps one terminal."""

    biz_date: date
    out: Emit
    n: int = 0

    def write(
        self,
        officer: Officer,
        ts: datetime,
        action: str,
        object_type: str | None = None,
        object_id: str | None = None,
        detail: dict | None = None,
        system_code: str = "H2000",
    ) -> int:
        log_id = int(self.biz_date.strftime("%Y%m%d")) * 10**8 + LOG_ID_BLOCK * 10**6 + self.n
        self.n += 1
        seq = int(officer.officer_id[-5:])
        self.out.write(
            "ops_audit_log",
            {
                "log_id": log_id,
                "officer_id": officer.officer_id,
                "event_ts": ts,
                "system_code": system_code,
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "terminal_id": f"T{officer.officer_id}",
                "ip_addr": f"10.{int(officer.officer_id[2:4])}.{seq // 250}.{seq % 250 + 2}",
                "detail": detail,
            },
        )
        return log_id


def _background_log(ctx: DayContext, rng: random.Random, log: OpsLog) -> None:
    """One session per officer (LOGIN 07:45–08:25, LOGOUT 23:30–23:55) with a few queries in between."""
    day = ctx.biz_date
    by_district: dict[str, list[str]] = {}
    for e in ctx.org.enterprises:
        by_district.setdefault(e["registered_customs_code"], []).append(e["enterprise_code"])
    supervision = {s.unit_code for s in ctx.org.sections if s.business_line == "supervision"}
    district_of = {s.unit_code: s.district_code for s in ctx.org.sections}
    for officer in ctx.org.officers:
        log.write(officer, _at(day, 7, 45) + timedelta(minutes=rng.randint(0, 40)), "LOGIN")
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            enterprise = rng.choice(by_district[district_of[officer.section_unit_code]])
            ts = _at(day, 9) + timedelta(minutes=rng.randint(0, 450))
            log.write(officer, ts, "QUERY_ENTERPRISE", "ENTERPRISE", enterprise)
        if officer.section_unit_code in supervision:
            for _ in range(rng.randint(1, 3)):
                alert = hashlib.md5(f"alert-{officer.officer_id}-{rng.random()}".encode()).hexdigest()
                ts = _at(day, 9) + timedelta(minutes=rng.randint(0, 450))
                log.write(officer, ts, "VIEW_ALERT", "ALERT", alert, system_code="HL2008")
        log.write(officer, _at(day, 23, 30) + timedelta(minutes=rng.randint(0, 25)), "LOGOUT")


# --- the module's own declarations -----------------------------------------------------------------------------


@dataclass
class Declaration:
    """One clean declaration of this module, held in memory until its scenario has bent it, then written."""

    entry_id: str
    ie_flag: str
    sub: str
    company: dict
    clearance: Section
    inspection_sec: Section
    tax_sec: Section
    declare_ts: datetime
    head: dict = field(default_factory=dict)
    items: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    tax_bills: list[dict] = field(default_factory=list)
    control: dict | None = None
    inspection: dict | None = None
    extra: list[tuple[str, dict]] = field(default_factory=list)
    tax_total: Decimal = Decimal(0)  # duty + VAT over the items
    t: datetime | None = None  # end of the last step so far

    def step(
        self, code: str, officer: str | None, section: Section | None, start: datetime, minutes: float
    ) -> datetime:
        end = start + timedelta(minutes=minutes)
        self.steps.append(
            {
                "entry_id": self.entry_id,
                "step_seq": len(self.steps) + 1,
                "step_code": code,
                "officer_id": officer,
                "section_unit_code": section.unit_code if section else None,
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
        return end

    def write(self, out: Emit, status: str) -> None:
        last = max(s["end_ts"] for s in self.steps)
        for s in self.steps:
            out.write("dec_workflow", s)
        for item in self.items:
            out.write("dec_item", {**item, "last_update_ts": last})
        for bill in self.tax_bills:
            out.write("tax_bill", bill)
        if self.control:
            out.write("risk_control", self.control)
        if self.inspection:
            out.write("inspection", self.inspection)
        for table, row in self.extra:
            out.write(table, row)
        out.write("dec_head", {**self.head, "dec_status": status, "last_update_ts": last})


class Builder:
    """Clean declarations in the shape of clearance.py, numbered from ENTRY_SEQ_BASE."""

    def __init__(self, ctx: DayContext, rng: random.Random):
        self.ctx, self.rng, self.seq = ctx, rng, ENTRY_SEQ_BASE
        self.subordinates = sorted({s.subordinate_code for s in ctx.org.sections})
        self.conflicts = {(c["officer_id"], c["enterprise_code"]) for c in declared_conflicts(ctx.org, ctx.seed)}
        self.traders: dict[str, list[dict]] = {}
        for e in ctx.org.enterprises:
            if e["credit_class"] in CLEAN_CLASSES and e["status"] == "active":
                self.traders.setdefault(e["registered_customs_code"], []).append(e)

    def pick(self, d: Declaration, section: Section, post: str, exclude: tuple[str, ...] = ()) -> Officer:
        """An officer of the post, never one with a declared interest in the declaration's trader or broker."""
        parties = {d.head["trade_co"], d.head["agent_code"]}
        return self.rng.choice(
            [
                o
                for o in section.officers[post]
                if o.officer_id not in exclude and not any((o.officer_id, p) in self.conflicts for p in parties)
            ]
        )

    def declaration(self, ie_flag: str, dutiable: bool) -> Declaration:
        org: Organisation = self.ctx.org
        rng, day = self.rng, self.ctx.biz_date
        sub = self.subordinates[self.seq % len(self.subordinates)]
        district = next(s.district_code for s in org.sections if s.subordinate_code == sub)
        entry_id = f"{sub}{day.year}{'1' if ie_flag == 'I' else '0'}{day.timetuple().tm_yday:03d}{self.seq:06d}"
        self.seq += 1
        company = rng.choice(self.traders[district])
        broker = rng.choice(self.traders[district])
        declare_ts = _at(day, 8, 30) + timedelta(minutes=rng.uniform(30, 240))
        d = Declaration(
            entry_id,
            ie_flag,
            sub,
            company,
            org.section_for(sub, "clearance", "ACCEPT"),
            org.section_for(sub, "clearance", "INSPECT"),
            org.section_for(sub, "tariff_review", "TAX"),
            declare_ts,
        )
        origin = rng.choice(COUNTRIES)
        total_cny, duty_total = Decimal(0), Decimal(0)
        for g_no in range(1, rng.randint(1, 3) + 1):
            qty = Decimal(rng.randint(1, 500))
            usd = Decimal(rng.randint(2_000, 90_000))
            item = declared_item(entry_id, g_no, ie_flag, rng.choice(HS_CODES), qty, usd, origin, dutiable)
            total_cny += item["cny_value"]
            duty_total += item["duty_amount_cny"] + item["vat_amount_cny"]
            d.items.append(item)
        d.head = {
            "entry_id": entry_id,
            "pre_entry_id": f"P{entry_id[1:]}",
            "ie_flag": ie_flag,
            "declare_customs_code": sub,
            "ie_port_code": sub,
            "ie_date": day,
            "declare_ts": declare_ts,
            "trade_mode": "0110",
            "cut_mode": "101",
            "trans_mode": (terms := rng.choice("123")),
            **freight_and_insurance(ie_flag, terms),
            "traf_mode": rng.choice("2245"),
            "traf_name": "COSCO STAR",
            "voyage_no": f"V{rng.randint(100, 999)}",
            "bill_no": f"BL{entry_id[-10:]}",
            "manifest_id": None,
            "manual_no": None,
            "trade_co": company["enterprise_code"],
            "owner_code": company["enterprise_code"],
            "agent_code": broker["enterprise_code"],
            "trade_country": origin,
            "depart_arrive_country": origin,
            "district_code": "44199",
            "pack_no": rng.randint(1, 400),
            "wrap_type": "22",
            "gross_wt": Decimal(rng.randint(100, 20000)),
            "net_wt": Decimal(rng.randint(50, 19000)),
            "entry_type": "M",
            "special_type": None,
            "tax_payment_mode": "NORMAL",
            "is_concentrated": False,
            "is_advance_declaration": False,
            "provisional_price_flag": False,
            "guarantee_release_flag": False,
            "conveyance_arrival_ts": declare_ts - timedelta(days=rng.randint(0, 5)) if ie_flag == "I" else None,
            "total_value_cny": total_cny,
        }
        d.tax_total = duty_total
        t = d.step("DECLARE", None, None, declare_ts, 0)
        t = d.step("E_REVIEW", None, None, t, 1)
        accept = self.pick(d, d.clearance, "ACCEPT")
        d.step("ACCEPT", accept.officer_id, d.clearance, t + timedelta(minutes=10), rng.uniform(3, 30))
        return d

    def tax(self, d: Declaration, paid: bool = True) -> Officer:
        """TAX step with a duty (A) and a VAT (L) bill, paid 10–120 minutes later."""
        duty_total = d.tax_total
        officer = self.pick(d, d.tax_sec, "TAX")
        t = d.step("TAX", officer.officer_id, d.tax_sec, d.t, self.rng.uniform(2, 20))
        paid_ts = t + timedelta(minutes=self.rng.uniform(10, 120))
        for letter, share in (("A", Decimal("0.3")), ("L", Decimal("0.7"))):
            d.tax_bills.append(
                self.bill(d, f"{d.entry_id}-{letter}01", letter, duty_total * share, t, officer, paid_ts)
            )
        d.t = max(t, paid_ts)
        return officer

    def bill(self, d: Declaration, no: str, letter: str, amount: Decimal, issue_ts, officer, paid_ts) -> dict:
        return {
            "tax_bill_no": no,
            "entry_id": d.entry_id,
            "tax_type": letter,
            "amount_cny": amount.quantize(Decimal("0.01")),
            "issue_ts": issue_ts,
            "due_date": (issue_ts + timedelta(days=15)).date(),
            "paid_ts": paid_ts,
            "written_off_ts": paid_ts + timedelta(hours=1) if paid_ts else None,
            "payer_code": d.company["enterprise_code"],
            "payer_uscc": d.company["uscc"],
            "issuing_officer_id": officer.officer_id,
            "status": "PAID" if paid_ts else "ISSUED",
            "cancel_officer_id": None,
            "cancel_ts": None,
            "replaced_by_bill_no": None,
            "last_update_ts": paid_ts + timedelta(hours=1) if paid_ts else issue_ts,
        }

    def control(self, d: Declaration, status: str = "EXECUTED") -> Officer:
        issuer = self.pick(d, d.inspection_sec, "CONTROL")
        t = d.step("CONTROL", issuer.officer_id, d.inspection_sec, d.t, self.rng.uniform(1, 10))
        d.control = {
            "control_id": f"RC{d.entry_id}",
            "entry_id": d.entry_id,
            "control_source": self.rng.choice(["RANDOM", "RISK_PARAM"]),
            "required_method": self.rng.choice(["EXTERNAL", "MACHINE", "PARTIAL", "FULL"]),
            "issue_officer_id": issuer.officer_id,
            "issue_unit_code": d.inspection_sec.unit_code,
            "issue_ts": t,
            "status": status,
            "cancel_officer_id": None,
            "cancel_ts": None,
            "cancel_reason": None,
            "cancel_approve_officer_id": None,
            "last_update_ts": t,
        }
        return issuer

    def inspect(self, d: Declaration, second: Officer | None = None, assigner: Officer | None = None) -> dict:
        """A clean two-officer inspection executing the control order; returns the inspection row."""
        rng, sec = self.rng, d.inspection_sec
        lead = self.pick(d, sec, "INSPECT")
        second = second or self.pick(d, sec, "INSPECT", exclude=(lead.officer_id,))
        assigner = assigner or self.pick(d, sec, "INSPECT_ASSIGN")
        containers = rng.randint(1, 3)
        assign_ts = d.t + timedelta(minutes=rng.uniform(5, 30))
        start = assign_ts + timedelta(minutes=rng.uniform(10, 60))
        end = start + timedelta(minutes=rng.uniform(30, 40) * containers)
        d.step("INSPECT", lead.officer_id, sec, start, (end - start).total_seconds() / 60)
        d.inspection = {
            "insp_id": f"IN{d.entry_id}",
            "entry_id": d.entry_id,
            "control_id": d.control["control_id"] if d.control else None,
            "assign_officer_id": assigner.officer_id,
            "assign_ts": assign_ts,
            "lead_officer_id": lead.officer_id,
            "second_officer_id": second.officer_id,
            "start_ts": start,
            "end_ts": end,
            "method": d.control["required_method"] if d.control else "MACHINE",
            "container_count": containers,
            "result": "NORMAL",
            "result_entered_ts": end + timedelta(minutes=20),
            "result_modified_ts": None,
            "result_before_modify": None,
            "record_signed_ts": end + timedelta(minutes=25),
            "signer_count": 3,
            "photo_count": rng.randint(2, 12),
            "sample_taken": False,
            "handling": "NONE",
            "handover_ts": None,
            "site_code": f"{d.sub}S1",
            "postponed_by_trader": False,
            "last_update_ts": end + timedelta(minutes=25),
        }
        return d.inspection

    def release(self, d: Declaration) -> tuple[Officer, datetime]:
        releaser = self.pick(d, d.clearance, "RELEASE")
        end = d.step("RELEASE", releaser.officer_id, d.clearance, d.t + timedelta(minutes=self.rng.uniform(5, 40)), 3)
        return releaser, end


# --- scenarios ---------------------------------------------------------------------------------------------------


def _scenarios(ctx: DayContext, rng: random.Random, out: Emit, log: OpsLog) -> None:
    b = Builder(ctx, rng)
    officers = {o.officer_id: o for o in ctx.org.officers}
    per_check = max(1, ctx.preset.scenarios_per_day // 2)
    offset = ctx.biz_date.toordinal()
    for i in range(per_check):
        _manual_override(b, out, log, ("FORCE_RELEASE", "CLEAR_CONTROL_FLAG", "UNLOCK_ENTRY")[(offset + i) % 3])
    for i in range(per_check):
        _incompatible_roles(b, out, control_is_second=(offset + i) % 2 == 0)
    # the checks with two branches get at least one case of each branch every day
    for i in range(max(2, per_check)):
        _tax_bill_reissued(b, out, after_payment=(offset + i) % 2 == 1)
    for i in range(max(2, per_check)):
        _abnormal_inspection(b, out, log, officers, edited=(offset + i) % 2 == 0)
    for i in range(max(2, per_check)):
        _deleted_after_control(b, out, abnormal=(offset + i) % 2 == 1)


def _manual_override(b: Builder, out: Emit, log: OpsLog, action: str) -> None:
    """AP-HR-001: an officer overrides a flag by hand; the entry itself is clean."""
    rng = b.rng
    d = b.declaration("I", dutiable=True)
    b.tax(d)
    approval = {"approval_no": f"SP{d.entry_id[-8:]}"} if rng.random() < 0.5 else {}
    if action == "CLEAR_CONTROL_FLAG":
        issuer = b.control(d)
        insp = b.inspect(d)
        actor, ts = issuer, insp["end_ts"] + timedelta(minutes=rng.uniform(30, 40))
        status = ("INSPECTED", "INSPECTED")
        d.t = ts
        b.release(d)
    elif action == "UNLOCK_ENTRY":
        actor = b.pick(d, d.clearance, "REVIEW")
        ts = d.t + timedelta(minutes=rng.uniform(2, 10))
        status = ("TAXED", "TAXED")
        d.t = ts
        b.release(d)
    else:
        releaser, end = b.release(d)
        actor, ts, status = releaser, end, ("TAXED", "RELEASED")
    log_id = log.write(
        actor,
        ts,
        action,
        "ENTRY",
        d.entry_id,
        {"status_before": status[0], "status_after": status[1], **approval},
    )
    d.write(out, "RELEASED")
    note = "with approval number" if approval else "no approval number logged"
    out.label("AP-HR-001", "OPS_LOG", str(log_id), actor.officer_id, f"{action} on {d.entry_id}, {note}")


def _incompatible_roles(b: Builder, out: Emit, control_is_second: bool) -> None:
    """AP-HR-002: the control issuer (or the inspection assigner) also signs the inspection as second officer."""
    d = b.declaration("E", dutiable=False)
    issuer = b.control(d)
    if control_is_second:
        shared = issuer
        b.inspect(d, second=issuer)
        note = "control order issuer is the inspection's second officer (CONTROL vs INSPECT)"
    else:
        shared = b.pick(d, d.inspection_sec, "INSPECT_ASSIGN")
        b.inspect(d, second=shared, assigner=shared)
        note = "inspection assigner is its second officer (INSPECT_ASSIGN vs INSPECT)"
    b.release(d)
    d.write(out, "RELEASED")
    out.label("AP-HR-002", "ENTRY", d.entry_id, shared.officer_id, note)


def _tax_bill_reissued(b: Builder, out: Emit, after_payment: bool) -> None:
    """AP-HR-003: the duty bill is cancelled and reissued — for less, or after it had been paid."""
    rng = b.rng
    d = b.declaration("I", dutiable=True)
    b.tax(d)
    old = next(x for x in d.tax_bills if x["tax_type"] == "A")
    canceller = b.pick(d, d.tax_sec, "TAX")
    if after_payment:
        cancel_ts = old["paid_ts"] + timedelta(minutes=rng.uniform(20, 60))
        new_amount = old["amount_cny"]
        note = "paid duty bill cancelled and reissued"
    else:
        cancel_ts = old["issue_ts"] + timedelta(minutes=rng.uniform(5, 8))
        old["paid_ts"] = old["written_off_ts"] = None
        new_amount = (old["amount_cny"] * Decimal(str(rng.uniform(0.55, 0.9)))).quantize(Decimal("0.01"))
        note = f"duty bill reissued for {new_amount} instead of {old['amount_cny']}"
    new_no = f"{d.entry_id}-A02"
    new_paid = cancel_ts + timedelta(minutes=rng.uniform(10, 60))
    d.tax_bills.append(b.bill(d, new_no, "A", new_amount, cancel_ts, canceller, new_paid))
    old.update(
        status="CANCELLED",
        cancel_officer_id=canceller.officer_id,
        cancel_ts=cancel_ts,
        replaced_by_bill_no=new_no,
        last_update_ts=max(old["last_update_ts"], cancel_ts),
    )
    d.t = max(d.t, new_paid)
    b.release(d)
    d.write(out, "RELEASED")
    out.label("AP-HR-003", "TAX_BILL", old["tax_bill_no"], canceller.officer_id, note)


def _abnormal_inspection(b: Builder, out: Emit, log: OpsLog, officers: dict[str, Officer], edited: bool) -> None:
    """AP-HR-004: an abnormal result edited to normal by the lead inspector, or released with nothing done."""
    rng = b.rng
    d = b.declaration("E", dutiable=False)
    b.control(d)
    insp = b.inspect(d)
    if edited:
        lead = officers[insp["lead_officer_id"]]
        modified = insp["record_signed_ts"] + timedelta(minutes=rng.uniform(30, 90))
        insp.update(result_before_modify="ABNORMAL", result_modified_ts=modified, last_update_ts=modified)
        log.write(
            lead,
            modified,
            "INSPECTION_RESULT_EDIT",
            "INSPECTION",
            insp["insp_id"],
            {"result_before": "ABNORMAL", "result_after": "NORMAL"},
        )
        d.t = modified
        b.release(d)
        officer, note = lead, "ABNORMAL inspection result edited to NORMAL, then released"
    else:
        # handed over to the section at once (so AP-CLR-018 stays silent on later days), where nothing was done
        insp.update(result="ABNORMAL", handover_ts=insp["record_signed_ts"] + timedelta(minutes=10))
        d.t = insp["handover_ts"]
        releaser, _ = b.release(d)
        officer, note = (
            releaser,
            "ABNORMAL inspection handed over, handling NONE, released without modification or clue",
        )
    d.write(out, "RELEASED")
    out.label("AP-HR-004", "INSPECTION", insp["insp_id"], officer.officer_id, note)


def _deleted_after_control(b: Builder, out: Emit, abnormal: bool) -> None:
    """AP-HR-005: the trader's deletion of a controlled (or abnormally inspected) entry is approved."""
    rng = b.rng
    d = b.declaration("E", dutiable=False)
    if abnormal:
        b.control(d)
        insp = b.inspect(d)
        insp.update(result="ABNORMAL", handling="MODIFY_DECL")
        d.t = insp["record_signed_ts"]
        d.control["status"] = "EXECUTED"
        note = "entry deleted after an ABNORMAL inspection"
    else:
        b.control(d, status="ACTIVE")
        note = "entry deleted while its control order was active"
    apply_ts = d.t + timedelta(minutes=rng.uniform(10, 40))
    approver = b.pick(d, d.clearance, "RELEASE")
    decision_ts = d.step("DELETE", approver.officer_id, d.clearance, apply_ts + timedelta(minutes=15), 5)
    apply_id = f"D{d.entry_id}"
    d.extra.append(
        (
            "dec_modify_apply",
            {
                "apply_id": apply_id,
                "entry_id": d.entry_id,
                "apply_type": "DELETE",
                "initiator": "ENTERPRISE",
                "reason_code": rng.choice(["02", "07"]),
                "apply_ts": apply_ts,
                "accept_ts": apply_ts + timedelta(minutes=5),
                "approve_officer_id": approver.officer_id,
                "decision": "APPROVED",
                "decision_ts": decision_ts,
                "after_release": False,
                "fields_changed": None,
                "last_update_ts": decision_ts,
            },
        )
    )
    d.write(out, "DELETED")
    out.label("AP-HR-005", "MODIFY_APPLY", apply_id, approver.officer_id, note)
