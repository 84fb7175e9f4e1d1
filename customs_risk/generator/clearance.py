"""One business day of declarations and their workflow trail, control orders, inspections, tax and guarantees.

Every declaration is a pure function of (seed, day it was declared, sequence number, scenario kind): it draws from
its own random stream, so any later day can rebuild it cheaply and deliver what changed about it (an export is
closed after its conveyance left, a suspended entry is deleted after the prompt ...). Declarations are produced
one at a time and written straight to the table files, so memory stays flat whatever the day's size.

A day delivers:
* the day's own declarations (sequence 000000-599999), each fully processed on the day; some carry an injected
  scenario (a bad case one check must catch), planned per day;
* aged scenario objects (sequence 900000-999999 of the day they were declared on) for the checks that look at
  things started days before: an inspection started late, paper never submitted, a pending modification, an
  export not closed, a suspension held, an abnormal inspection not handed over, consolidated lists not declared;
* what changed on the day about older declarations: exports closed after departure, and the follow-up of
  yesterday's aged scenarios (deleted, decided, closed, handed over);
* the manifests all of this refers to, and the ones that changed on the day.

Clean data respects every time limit of the catalogue's clearance checks; see the comments at each step.
"""

from __future__ import annotations

import calendar
import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache

from customs_risk.generator.context import DayContext, DeclarationRef
from customs_risk.generator.domains import manifest_transit as mt
from customs_risk.generator.organisation import Organisation, Section, calendar_rows
from customs_risk.generator.presets import Preset

TZ = mt.TZ
# processing-trade modes (0615, 0214 …) come from the processing_trade domain, with their manuals
IMPORT_MODES = ["0110"] * 8 + ["1233", "3339"]
EXPORT_MODES = ["0110"] * 8 + ["9610"]
COUNTRIES = ["USA", "JPN", "KOR", "DEU", "VNM", "AUS", "BRA", "GBR", "THA", "MYS"]
CURRENCIES = {"USA": "USD", "JPN": "JPY", "KOR": "KRW", "DEU": "EUR", "GBR": "GBP"}
HS_CODES = ["8471300000", "8517620000", "3901100000", "8542319000", "6403990000", "9403200000", "2709000000"]
# What each code's goods are called on a declaration (consistent with the tariff's keyword rules), so that "same
# name, different code" (MA-TAR-001) or "keyword against code" (MA-TAR-014) only happens where a story puts it.
GOODS_NAMES = {
    "8471300000": "笔记本电脑",
    "8517620000": "交换机",
    "3901100000": "聚乙烯颗粒",
    "8542319000": "集成电路",
    "6403990000": "皮鞋",
    "9403200000": "金属家具",
    "2709000000": "原油",
}


def goods_name(code_ts: str) -> str:
    return GOODS_NAMES.get(code_ts, "货物")


CONTROL_SOURCES = ["RANDOM", "RANDOM", "RISK_PARAM", "RISK_PARAM", "INSTANT", "DIRECT", "GACC", "INTEL"]
RISK_SOURCES = ["RISK_PARAM", "GACC", "DIRECT", "INTEL"]  # only the risk unit may cancel these
METHODS = ["EXTERNAL", "MACHINE", "PARTIAL", "FULL"]
PAPER_ENTRY_TYPES = ("0", "L")  # W, D, M are paperless: no PAPER_SUBMIT
LOW_CREDIT = ("C", "D", "DISHONEST")  # no paperless facilitation for them (EX-ENT-005)
DECLARE_DAYS = 14  # 海关法 第24条: import declaration within 14 days of the conveyance's arrival
LATE_FEE_RATE = Decimal("0.0005")  # 滞报金 0.5‰ per day of customs value
LATE_FEE_MIN = Decimal(50)  # below 50 yuan no late-declaration fee is levied
AGED_SEQ = 900_000  # aged scenario objects: 900000 + days-back * 1000 + slot
CONFLICT_POSTS = ("RELEASE", "ACCEPT", "REVIEW", "INSPECT", "TAX", "CONTROL")
RELATIONS = ["relative", "former_employer", "shareholding", "other"]

# scenario kinds carried by a declaration of the day -> the check that must catch them
RELEASED_WITH_PENDING_CONTROL = "released_with_pending_control"
INSPECTION_SINGLE_OFFICER = "inspection_single_officer"
CONTROL_CANCELLED = "control_cancelled_improperly"
INSPECTION_REASSIGNED = "inspection_reassigned"
METHOD_DOWNGRADED = "inspection_method_downgraded"
RELEASED_UNPAID = "released_before_tax_paid"
LATE_WITHOUT_FEE = "late_declaration_without_fee"
PAPER_ACCEPT_DELAYED = "paper_acceptance_delayed"
RECORD_LATE = "inspection_record_late"
RELEASE_DELAYED = "release_delayed"
CONFLICT = "conflict_not_recused"
# aged kinds: declared days before the business day
INSPECTION_START_LATE = "inspection_start_late"
PAPER_NOT_SUBMITTED = "paper_not_submitted"
MODIFY_PENDING = "modify_apply_pending"
EXPORT_NOT_CLOSED = "export_not_closed"
SUSPENDED_TOO_LONG = "suspension_too_long"
ABNORMAL_NOT_HANDED_OVER = "abnormal_not_handed_over"
LIST_UNCONSOLIDATED = "list_unconsolidated"
LIST_CONSOLIDATED = "list_consolidated"  # near miss: lists covered by a consolidated declaration in time
CONSOLIDATION = "consolidated_declaration"

IN_DAY_KINDS = [
    CONTROL_CANCELLED,
    INSPECTION_REASSIGNED,
    METHOD_DOWNGRADED,
    RELEASED_UNPAID,
    LATE_WITHOUT_FEE,
    PAPER_ACCEPT_DELAYED,
    RECORD_LATE,
    RELEASE_DELAYED,
    CONFLICT,
]
WORKING_HOURS_KINDS = {PAPER_ACCEPT_DELAYED, RELEASE_DELAYED}  # measured in working hours: only on working days
AGED_KINDS = [
    INSPECTION_START_LATE,
    PAPER_NOT_SUBMITTED,
    MODIFY_PENDING,
    EXPORT_NOT_CLOSED,
    SUSPENDED_TOO_LONG,
    ABNORMAL_NOT_HANDED_OVER,
]
CONTROLLED_KINDS = {
    RELEASED_WITH_PENDING_CONTROL,
    INSPECTION_SINGLE_OFFICER,
    CONTROL_CANCELLED,
    INSPECTION_REASSIGNED,
    METHOD_DOWNGRADED,
    RECORD_LATE,
    INSPECTION_START_LATE,
    ABNORMAL_NOT_HANDED_OVER,
}
UNCONTROLLED_KINDS = {
    RELEASED_UNPAID,
    LATE_WITHOUT_FEE,
    PAPER_ACCEPT_DELAYED,
    RELEASE_DELAYED,
    CONFLICT,
    PAPER_NOT_SUBMITTED,
    MODIFY_PENDING,
    EXPORT_NOT_CLOSED,
    SUSPENDED_TOO_LONG,
    LIST_UNCONSOLIDATED,
    LIST_CONSOLIDATED,
    CONSOLIDATION,
}
KIND_IE = {
    RELEASED_UNPAID: "I",
    LATE_WITHOUT_FEE: "I",
    PAPER_ACCEPT_DELAYED: "E",  # exports: a delayed acceptance must not also delay a tax bill
    RELEASE_DELAYED: "E",
    INSPECTION_START_LATE: "I",
    PAPER_NOT_SUBMITTED: "E",
    MODIFY_PENDING: "I",
    EXPORT_NOT_CLOSED: "E",
    SUSPENDED_TOO_LONG: "E",
    ABNORMAL_NOT_HANDED_OVER: "I",
    LIST_UNCONSOLIDATED: "I",
    LIST_CONSOLIDATED: "I",
    CONSOLIDATION: "I",
}
EARLY_KINDS = {PAPER_ACCEPT_DELAYED, RELEASE_DELAYED, RECORD_LATE}  # declared first thing in the morning
UNRELEASED_KINDS = {PAPER_NOT_SUBMITTED, SUSPENDED_TOO_LONG, ABNORMAL_NOT_HANDED_OVER}


@dataclass
class Emit:
    """Where generated rows go: a callable(table, row) plus the labels of injected scenarios."""

    write: Callable[[str, dict], None]
    labels: list[dict] = field(default_factory=list)

    def label(self, check_code: str, object_type: str, object_id: str, officer_id: str | None, note: str) -> None:
        self.labels.append(
            {
                "check_code": check_code,
                "object_type": object_type,
                "object_id": object_id,
                "officer_id": officer_id,
                "note": note,
            }
        )


def _at(day: date, minutes: float) -> datetime:
    return datetime.combine(day, time(8, 30), TZ) + timedelta(minutes=minutes)


@cache
def _workdays(year: int) -> frozenset[date]:
    return frozenset(r["cal_date"] for r in calendar_rows(year) if r["is_workday"])


def is_workday(d: date) -> bool:
    return d in _workdays(d.year)


def workdays_back(d: date, n: int) -> date:
    """The working day a before d with exactly n working days in (a, d] (WD(a, d) = n)."""
    count, x = 0, d
    while True:
        if is_workday(x):
            count += 1
        x -= timedelta(days=1)
        if count == n and is_workday(x):
            return x


def _entry_id(sub: str, origin: date, ie: str, seq: int) -> str:
    return f"{sub}{origin.year}{'1' if ie == 'I' else '0'}{origin.timetuple().tm_yday:03d}{seq:06d}"


# --- the world a day is built in ------------------------------------------------------------------------------


def _enterprises_by_district(org: Organisation) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in org.enterprises:
        out.setdefault(e["registered_customs_code"], []).append(e)
    return out


def declared_conflicts(org: Organisation, seed: int) -> list[dict]:
    """Officers' declared interests in enterprises (回避申报): per customs, one officer of each front-line post.

    The RELEASE officer's interest is always current (the AP-CLR-020 scenarios use it); the others are current
    or already expired. Clean declarations never let a declared officer handle that enterprise.
    """
    rng = random.Random(f"conflicts-{seed}")
    by_district = _enterprises_by_district(org)
    rows = []
    for sub in sorted({s.subordinate_code for s in org.sections}):
        district = next(s.district_code for s in org.sections if s.subordinate_code == sub)
        for post in CONFLICT_POSTS:
            officer = rng.choice(org.section_for(sub, "", post).officers[post])
            enterprise = rng.choice(by_district[district])["enterprise_code"]
            current = post == "RELEASE" or rng.random() < 0.7
            if post == "RELEASE":
                declared = date(2020, 3, 1) + timedelta(days=rng.randint(0, 300))
            else:
                declared = date(2021, 1, 1) + timedelta(days=rng.randint(0, 700))
            rows.append(
                {
                    "officer_id": officer.officer_id,
                    "enterprise_code": enterprise,
                    "relation_type": rng.choice(RELATIONS),
                    "declared_date": declared,
                    "valid_to": None if current else date(2024, 1, 1) + timedelta(days=rng.randint(0, 300)),
                }
            )
    return rows


@dataclass
class World:
    """Everything about the synthetic customs that does not depend on the day."""

    org: Organisation
    preset: Preset
    seed: int
    subordinates: list[str]
    district_of: dict[str, str]
    by_district: dict[str, list[dict]]
    enterprise: dict[str, dict]
    avoid: dict[str, frozenset[str]]  # enterprise -> officers who declared an interest in it
    release_conflict: dict[str, tuple[str, str]]  # customs -> (RELEASE officer, enterprise) with a current interest
    transmitters: dict[str, list[str]]
    vessels: int


def build_world(org: Organisation, preset: Preset, seed: int) -> World:
    subs = sorted({s.subordinate_code for s in org.sections})
    district_of = {s.subordinate_code: s.district_code for s in org.sections}
    by_district = _enterprises_by_district(org)
    avoid: dict[str, set[str]] = defaultdict(set)
    release_conflict = {}
    release_officers = {o.officer_id: s.subordinate_code for s in org.sections for o in s.officers.get("RELEASE", [])}
    for c in declared_conflicts(org, seed):
        avoid[c["enterprise_code"]].add(c["officer_id"])
        if c["officer_id"] in release_officers and c["valid_to"] is None:
            release_conflict[release_officers[c["officer_id"]]] = (c["officer_id"], c["enterprise_code"])
    transmitters = {}
    for sub in subs:
        district = by_district[district_of[sub]]
        transmitters[sub] = [e["enterprise_code"] for e in district if e["enterprise_kind"] in ("broker", "both")] or [
            e["enterprise_code"] for e in district
        ]
    return World(
        org=org,
        preset=preset,
        seed=seed,
        subordinates=subs,
        district_of=district_of,
        by_district=by_district,
        enterprise={e["enterprise_code"]: e for e in org.enterprises},
        avoid={k: frozenset(v) for k, v in avoid.items()},
        release_conflict=release_conflict,
        transmitters=transmitters,
        vessels=mt.vessels_per_day(preset.declarations_per_day, len(subs)),
    )


def _pick(rng: random.Random, section: Section, post: str, exclude: frozenset[str] | tuple[str, ...] = ()) -> str:
    choices = [o.officer_id for o in section.officers[post] if o.officer_id not in exclude]
    return rng.choice(choices)


# --- one declaration ------------------------------------------------------------------------------------------


@dataclass
class Basics:
    """The first draws of a declaration's stream: enough to know which conveyance it travels on."""

    ie: str
    traf: str
    vessel: int
    departure_offset: int
    arrival_days: int
    transit_roll: float
    late_roll: float


def _basics(rng: random.Random, preset: Preset, kind: str | None, vessels: int) -> Basics:
    ie = "I" if rng.random() < preset.import_share else "E"
    b = Basics(
        ie=KIND_IE.get(kind, ie),
        traf=rng.choice("2245"),
        vessel=rng.randrange(vessels),
        departure_offset=1 if rng.random() < 0.6 else 2,
        arrival_days=rng.randint(0, 5),
        transit_roll=rng.random(),
        late_roll=rng.random(),
    )
    if kind == EXPORT_NOT_CLOSED:
        b.departure_offset = 1
    return b


def _stream(w: World, origin: date, seq: int) -> random.Random:
    return random.Random(f"decl-{w.seed}-{origin.isoformat()}-{seq}")


@dataclass
class Built:
    entry_id: str
    sub: str
    ie: str
    kind: str | None
    head: dict
    items: list[dict]
    steps: list[dict]
    release_section: str
    accept_section: str
    avoid: frozenset[str]
    released: bool
    departure_day: date | None = None
    manifest: mt.ImportManifest | mt.ExportManifest | None = None
    bill: dict | None = None
    manifest_change: dict | None = None
    transit: dict | None = None
    controls: list[dict] = field(default_factory=list)
    inspections: list[dict] = field(default_factory=list)
    reassigns: list[dict] = field(default_factory=list)
    tax_bills: list[dict] = field(default_factory=list)
    fees: list[dict] = field(default_factory=list)
    applies: list[dict] = field(default_factory=list)
    labels: list[tuple[str, str, str, str | None, str]] = field(default_factory=list)
    ref: DeclarationRef | None = None


def _build(
    w: World,
    origin: date,
    seq: int,
    kind: str | None,
    target: date,
    trade_co: str | None = None,
    related_entry_id: str | None = None,
    trade_mode: str | None = None,
) -> Built:
    """Declaration `seq` of day `origin`, as known at the end of day `target` (the same for every caller)."""
    org, preset = w.org, w.preset
    rng = _stream(w, origin, seq)
    basics = _basics(rng, preset, kind, w.vessels)
    ie = basics.ie
    sub = w.subordinates[seq % len(w.subordinates)]
    district = w.district_of[sub]
    clearance = org.section_for(sub, "clearance", "ACCEPT")
    inspection_sec = org.section_for(sub, "clearance", "INSPECT")
    tax_sec = org.section_for(sub, "tariff_review", "TAX")
    entry_id = _entry_id(sub, origin, ie, seq)
    companies = w.by_district[district]
    forced_releaser = None
    if kind == CONFLICT:
        forced_releaser, conflicted = w.release_conflict[sub]
        company = w.enterprise[conflicted]
    elif trade_co:
        company = w.enterprise[trade_co]
    else:
        company = rng.choice(companies)
    broker = rng.choice(companies)
    avoid = w.avoid.get(company["enterprise_code"], frozenset()) | w.avoid.get(broker["enterprise_code"], frozenset())
    early = kind in EARLY_KINDS
    declare_ts = _at(origin, rng.uniform(0, 30) if early else rng.uniform(0, 360))
    controlled = kind in CONTROLLED_KINDS or (kind not in UNCONTROLLED_KINDS and rng.random() < preset.control_rate)
    concentrated = kind in (LIST_UNCONSOLIDATED, LIST_CONSOLIDATED)
    roll = rng.random()
    if concentrated:
        entry_type = "D"  # list + paperless
    elif kind in (PAPER_ACCEPT_DELAYED, PAPER_NOT_SUBMITTED) or company["credit_class"] in LOW_CREDIT:
        entry_type = "0"
    else:
        entry_type = "M" if roll < 0.75 else "0" if roll < 0.9 else "W" if roll < 0.95 else "L"

    # items
    n_items = rng.randint(1, preset.max_items_per_declaration)
    total_cny = Decimal(0)
    duty_total = Decimal(0)
    origin_country = rng.choice(COUNTRIES)
    item_rows = []
    for g_no in range(1, n_items + 1):
        qty = Decimal(rng.randint(1, 500))
        usd = Decimal(rng.randint(20_000 if kind == LATE_WITHOUT_FEE else 200, 90_000))
        dutiable = ie == "I" and rng.random() < 0.6
        item = declared_item(entry_id, g_no, ie, rng.choice(HS_CODES), qty, usd, origin_country, dutiable)
        total_cny += item["cny_value"]
        duty_total += item["duty_amount_cny"] + item["vat_amount_cny"]
        item_rows.append(item)
    pack_no = rng.randint(1, 400)
    gross_wt = Decimal(rng.randint(100, 20000))

    # the conveyance: imports arrived 0-5 days before (some late, some through a transit), exports leave 1-2 days on
    transit = False
    arrival_days = basics.arrival_days
    if ie == "I":
        transit = kind is None and basics.transit_roll < 0.06 and len(w.subordinates) > 1
        late_transit = transit and basics.late_roll < 0.25
        if kind == LATE_WITHOUT_FEE:
            arrival_days = rng.randint(16, 22)
        elif transit:
            arrival_days = 15 if late_transit else rng.randint(2, 5)
        elif kind is None and basics.late_roll < 0.04:
            arrival_days = rng.randint(15, 20)
            if total_cny * LATE_FEE_RATE * (arrival_days - DECLARE_DAYS) < LATE_FEE_MIN:
                arrival_days = DECLARE_DAYS  # the fee would be under the 50-yuan floor: declared on the last day
        port = w.subordinates[(w.subordinates.index(sub) + 1) % len(w.subordinates)] if transit else sub
        manifest = mt.import_manifest(
            w.seed, port, origin - timedelta(days=arrival_days), basics.traf, basics.vessel, w.transmitters[port]
        )
        departure_day = None
    else:
        departure_day = origin + timedelta(days=basics.departure_offset)
        manifest = mt.export_manifest(w.seed, sub, departure_day, basics.traf, basics.vessel, w.transmitters[sub])

    # workflow
    steps: list[dict] = []

    def step(code, officer, section, start, minutes, result="PASS", manual=True, queued=None):
        end = start + timedelta(minutes=minutes)
        steps.append(
            {
                "entry_id": entry_id,
                "step_seq": len(steps) + 1,
                "step_code": code,
                "officer_id": officer,
                "section_unit_code": section.unit_code if section else None,
                "customs_code": sub,
                "queue_entered_ts": queued or start,
                "start_ts": start,
                "end_ts": end,
                "result_code": result,
                "is_manual": manual,
                "remark": None,
            }
        )
        return end

    labels: list[tuple[str, str, str, str | None, str]] = []
    fee: dict | None = None
    tax_bills: list[dict] = []
    suspended = kind == SUSPENDED_TOO_LONG or (kind is None and rng.random() < 0.02)
    t = step("DECLARE", None, None, declare_ts, 0, "DONE", manual=False)
    t = step("E_REVIEW", None, None, t, 1, "HOLD" if suspended else "PASS", manual=False)
    status = "REVIEWED"
    released = False
    release_end = None
    releaser = None
    paid_by = None
    if suspended:  # 挂起 by a reviewer, resumed the same day (clean) or never (AP-CLR-017)
        suspender = _pick(rng, clearance, "REVIEW", avoid)
        t = step("SUSPEND", suspender, clearance, t + timedelta(minutes=rng.uniform(5, 20)), 0, "HOLD")
        status = "SUSPENDED"
        if kind == SUSPENDED_TOO_LONG:
            labels.append(("AP-CLR-017", "ENTRY", entry_id, suspender, "suspended four working days, not resumed"))
        else:
            t = step(
                "RESUME",
                _pick(rng, clearance, "REVIEW", avoid),
                clearance,
                t + timedelta(hours=rng.uniform(1, 3)),
                0,
                "DONE",
            )
    if kind != SUSPENDED_TOO_LONG:
        if suspended or (kind != PAPER_NOT_SUBMITTED and rng.random() < preset.manual_review_rate):
            t = step(
                "MANUAL_REVIEW",
                _pick(rng, clearance, "REVIEW", avoid),
                clearance,
                t + timedelta(minutes=5),
                rng.uniform(5, 60),
            )
        if kind == PAPER_NOT_SUBMITTED:
            labels.append(("AP-CLR-013", "ENTRY", entry_id, None, "paper not submitted 11 days after review"))
        else:
            accept_start = t + timedelta(minutes=10)
            if entry_type in PAPER_ENTRY_TYPES:  # 现场交单: the trader brings the paper, the window takes it
                paper = t + timedelta(minutes=rng.uniform(15, 60))
                step("PAPER_SUBMIT", None, clearance, paper, 0, "DONE", manual=False, queued=t)
                wait = rng.uniform(200, 260) if kind == PAPER_ACCEPT_DELAYED else rng.uniform(5, 40)
                accept_start = paper + timedelta(minutes=wait)
            acceptor = _pick(rng, clearance, "ACCEPT", avoid)
            t = step("ACCEPT", acceptor, clearance, accept_start, rng.uniform(3, 30))
            status = "ACCEPTED"
            if kind == PAPER_ACCEPT_DELAYED:
                labels.append(("AP-CLR-009", "ENTRY", entry_id, acceptor, "paper taken > 2 working hours late"))
            if kind == LATE_WITHOUT_FEE:
                labels.append(("AP-CLR-008", "ENTRY", entry_id, acceptor, "declared > 14 days after arrival, no fee"))
            days_late = (declare_ts.date() - manifest.arrival_ts.date()).days - DECLARE_DAYS if ie == "I" else 0
            if days_late > 0 and kind is None and not transit:  # 滞报金, assessed at acceptance
                amount = (total_cny * LATE_FEE_RATE * days_late).quantize(Decimal("0.01"))
                fee = {
                    "fee_id": f"DL{entry_id}",
                    "entry_id": entry_id,
                    "fee_type": "DECLARE_LATE",
                    "days_charged": days_late,
                    "calc_amount_cny": amount,
                    "levied_amount_cny": amount,
                    "waived_amount_cny": Decimal(0),
                    "waive_officer_id": None,
                    "waive_ts": None,
                    "waive_reason": None,
                    "created_ts": t,
                    "last_update_ts": t,
                }
            if ie == "I" and duty_total > 0:
                tax_officer = _pick(rng, tax_sec, "TAX", avoid)
                t = step("TAX", tax_officer, tax_sec, t, rng.uniform(2, 20))
                status = "TAXED"
                unpaid = kind == RELEASED_UNPAID
                paid_by = None if unpaid else t + timedelta(minutes=rng.uniform(10, 120))
                for letter, amount in (("A", duty_total * Decimal("0.3")), ("L", duty_total * Decimal("0.7"))):
                    tax_bills.append(
                        {
                            "tax_bill_no": f"{entry_id}-{letter}01",
                            "entry_id": entry_id,
                            "tax_type": letter,
                            "amount_cny": amount.quantize(Decimal("0.01")),
                            "issue_ts": t,
                            "due_date": (t + timedelta(days=15)).date(),
                            "paid_ts": paid_by,
                            "written_off_ts": paid_by + timedelta(hours=1) if paid_by else None,
                            "payer_code": company["enterprise_code"],
                            "payer_uscc": company["uscc"],
                            "issuing_officer_id": tax_officer,
                            "status": "ISSUED" if unpaid else "PAID",
                            "cancel_officer_id": None,
                            "cancel_ts": None,
                            "replaced_by_bill_no": None,
                            "last_update_ts": paid_by + timedelta(hours=1) if paid_by else t,
                        }
                    )
                if paid_by:
                    t = max(t, paid_by)

    built = Built(
        entry_id=entry_id,
        sub=sub,
        ie=ie,
        kind=kind,
        head={},
        items=item_rows,
        steps=steps,
        release_section=clearance.unit_code,
        accept_section=clearance.unit_code,
        avoid=avoid,
        released=False,
        departure_day=departure_day,
        manifest=manifest,
        tax_bills=tax_bills,
        fees=[fee] if fee else [],
    )
    if controlled and status != "SUSPENDED":
        t = _control_and_inspect(rng, w, built, kind, t, origin, target, inspection_sec, step, labels)
        status = "INSPECTED" if built.inspections else "CONTROLLED"
    if kind not in UNRELEASED_KINDS and status not in ("REVIEWED", "SUSPENDED"):
        releaser = forced_releaser or _pick(rng, clearance, "RELEASE", avoid)
        if kind == RELEASE_DELAYED:
            wait = rng.uniform(275, 300)  # > 4 working hours after the last condition was met
        elif kind == RECORD_LATE:
            wait = rng.uniform(5, 15)  # after the (late) inspection record
        else:
            wait = rng.uniform(5, 40)
        release_end = step("RELEASE", releaser, clearance, t + timedelta(minutes=wait), rng.uniform(1, 5))
        released, status = True, "RELEASED"
        if kind == RELEASED_WITH_PENDING_CONTROL:
            labels.append(("AP-CLR-001", "ENTRY", entry_id, releaser, "control order still ACTIVE, no inspection"))
        elif kind == RELEASED_UNPAID:
            labels.append(("AP-CLR-007", "ENTRY", entry_id, releaser, "released, tax bill unpaid, no guarantee"))
        elif kind == RELEASE_DELAYED:
            labels.append(("AP-CLR-012", "ENTRY", entry_id, releaser, "released > 4 working hours after ready"))
        elif kind == CONFLICT:
            labels.append(("AP-CLR-020", "ENTRY", entry_id, releaser, "released an entry of a declared interest"))
        elif kind == EXPORT_NOT_CLOSED:
            labels.append(("AP-CLR-016", "ENTRY", entry_id, None, "export not closed three days after departure"))
    last_update = max(s["end_ts"] for s in steps)
    for ins in built.inspections:
        last_update = max(last_update, ins["last_update_ts"])
    if trade_mode is None:
        trade_mode = rng.choice(IMPORT_MODES if ie == "I" else EXPORT_MODES)
    bill_no = f"BL{entry_id}"
    terms = rng.choice("123")
    built.head = {
        "entry_id": entry_id,
        "pre_entry_id": f"P{entry_id[1:]}",
        "ie_flag": ie,
        "declare_customs_code": sub,
        "ie_port_code": manifest.customs,
        "ie_date": manifest.arrival_ts.date() if ie == "I" else None,  # exports: known at closing
        "declare_ts": declare_ts,
        "trade_mode": trade_mode,
        "cut_mode": "101",
        "trans_mode": terms,
        **freight_and_insurance(ie, terms),
        "traf_mode": basics.traf,
        "traf_name": manifest.conveyance_id,
        "voyage_no": manifest.voyage_no,
        "bill_no": bill_no,
        "manifest_id": manifest.manifest_id,
        "manual_no": None,
        "related_entry_id": related_entry_id,
        "trade_co": company["enterprise_code"],
        "owner_code": company["enterprise_code"],
        "agent_code": broker["enterprise_code"],
        "trade_country": origin_country,
        "depart_arrive_country": origin_country,
        "district_code": "44199",
        "pack_no": pack_no,
        "wrap_type": "22",
        "gross_wt": gross_wt,
        "net_wt": (gross_wt * Decimal("0.9")).quantize(Decimal(1)),
        "entry_type": entry_type,
        "special_type": None,
        "tax_payment_mode": "NORMAL",
        "is_concentrated": concentrated,
        "is_advance_declaration": False,
        "provisional_price_flag": False,
        "guarantee_release_flag": False,
        "conveyance_arrival_ts": manifest.arrival_ts if ie == "I" else None,
        "total_value_cny": total_cny,
        "dec_status": status,
        "last_update_ts": last_update,
    }
    for item in item_rows:
        item["last_update_ts"] = last_update
    # the bill, a rare benign manifest change, and the transit for goods that came in through another customs
    if ie == "I":
        if transit:
            built.transit = mt.direct_transit(
                rng, entry_id, bill_no, manifest, sub, _pick(rng, clearance, "ACCEPT", avoid), 36 if late_transit else 6
            )
            gate_out = built.transit["handover_ts"] + timedelta(minutes=30)
            built.bill = mt.import_bill(
                rng,
                manifest,
                bill_no,
                company["name_zh"],
                pack_no,
                gross_wt,
                "货物",
                "RELEASED",
                None,
                gate_out,
                gate_out,
            )
        else:
            gate_out = None
            if release_end:
                day_end = datetime.combine(release_end.date(), time(23, 50), TZ)
                gate_out = min(release_end + timedelta(minutes=rng.uniform(30, 120)), day_end)
            built.bill = mt.import_bill(
                rng,
                manifest,
                bill_no,
                company["name_zh"],
                pack_no,
                gross_wt,
                "货物",
                "RELEASED" if released else "DECLARED",
                release_end,
                gate_out,
                declare_ts,
            )
            if kind is None and rng.random() < 0.02:
                built.manifest_change = mt.benign_change(rng, built.bill, manifest, entry_id)
    else:
        built.bill = mt.export_bill(
            rng, manifest, bill_no, company["name_zh"], pack_no, gross_wt, "货物", declare_ts, release_end
        )
    if kind == MODIFY_PENDING:
        apply_day = workdays_back(target, 6)
        apply_ts = datetime.combine(apply_day, time(9, 30), TZ) + timedelta(minutes=rng.uniform(0, 120))
        handler = _pick(rng, clearance, "REVIEW", avoid)
        built.applies.append(
            {
                "apply_id": f"MA{entry_id}",
                "entry_id": entry_id,
                "apply_type": "MODIFY",
                "initiator": "ENTERPRISE",
                "reason_code": "07",
                "apply_ts": apply_ts,
                "accept_ts": apply_ts + timedelta(minutes=rng.uniform(10, 30)),
                "approve_officer_id": handler,
                "decision": "PENDING",
                "decision_ts": None,
                "after_release": True,
                "fields_changed": ["contract_no"],
                "last_update_ts": apply_ts + timedelta(minutes=30),
            }
        )
        note = "pending 6 working days after acceptance"
        labels.append(("AP-CLR-015", "MODIFY_APPLY", f"MA{entry_id}", handler, note))
    built.released = released
    built.labels = labels
    built.ref = DeclarationRef(
        entry_id=entry_id,
        ie_flag=ie,
        subordinate_code=sub,
        district_code=district,
        trade_co=company["enterprise_code"],
        agent_code=broker["enterprise_code"],
        trade_mode=trade_mode,
        declare_ts=declare_ts,
        release_ts=release_end,
        release_officer_id=releaser,
        customs_value_cny=total_cny,
        tax_total_cny=duty_total,
        controlled=controlled,
    )
    return built


def _control_and_inspect(
    rng, w: World, b: Built, kind, t: datetime, origin: date, target: date, sec: Section, step, labels
) -> datetime:
    """The control order and its inspection; returns when the entry may move on."""
    entry_id = b.entry_id
    control_id = f"RC{entry_id}"
    issuer = _pick(rng, sec, "CONTROL", b.avoid)
    method = rng.choice(METHODS)
    source = rng.choice(CONTROL_SOURCES)
    if kind == METHOD_DOWNGRADED:
        method = rng.choice(["PARTIAL", "FULL"])
    if kind == CONTROL_CANCELLED:
        source = rng.choice(CONTROL_SOURCES)
    pending = kind == RELEASED_WITH_PENDING_CONTROL
    t = step("CONTROL", issuer, sec, t, rng.uniform(1, 10))
    control = {
        "control_id": control_id,
        "entry_id": entry_id,
        "control_source": source,
        "required_method": method,
        "issue_officer_id": issuer,
        "issue_unit_code": sec.unit_code,
        "issue_ts": t,
        "status": "ACTIVE" if pending else "EXECUTED",
        "cancel_officer_id": None,
        "cancel_ts": None,
        "cancel_reason": None,
        "cancel_approve_officer_id": None,
        "last_update_ts": t,
    }
    b.controls.append(control)
    if pending:
        return t  # the bad case: released with the order still active and nothing inspected
    if kind == CONTROL_CANCELLED:
        # cancelled by a field officer: without approval, self-approved, or a risk-unit order cancelled on site
        canceller = _pick(rng, sec, "CONTROL", b.avoid)
        variant = rng.choice(["no_approval", "self_approved", "field_cancels_risk_order"])
        approver = {
            "no_approval": None,
            "self_approved": canceller,
            "field_cancels_risk_order": sec.officers["SUPERVISOR"][0].officer_id,
        }[variant]
        if variant == "field_cancels_risk_order":
            control["control_source"] = rng.choice(RISK_SOURCES)
        cancel_ts = t + timedelta(minutes=rng.uniform(20, 60))
        control.update(
            status="CANCELLED",
            cancel_officer_id=canceller,
            cancel_ts=cancel_ts,
            cancel_reason="现场核实无需查验",
            cancel_approve_officer_id=approver,
            last_update_ts=cancel_ts,
        )
        labels.append(("AP-CLR-002", "CONTROL", control_id, canceller, f"control cancelled: {variant}"))
        return cancel_ts
    lead = _pick(rng, sec, "INSPECT", b.avoid)
    single = kind == INSPECTION_SINGLE_OFFICER
    second = None if single else _pick(rng, sec, "INSPECT", b.avoid | {lead})
    assign_ts = t + timedelta(minutes=rng.uniform(5, 30))
    containers = rng.randint(1, 4)
    used = method
    if kind == METHOD_DOWNGRADED:
        used = rng.choice([m for m in METHODS if METHODS.index(m) < METHODS.index(method)])
    # opening inspections take long enough for the containers opened
    minutes = containers * rng.uniform(22, 45) if used in ("PARTIAL", "FULL") else rng.uniform(10, 40)
    if kind == INSPECTION_START_LATE:  # assigned on the declaration day, started on the business day
        start = datetime.combine(target, time(9, 0), TZ) + timedelta(minutes=rng.uniform(0, 60))
    else:
        start = assign_ts + timedelta(minutes=rng.uniform(10, 90))
    end = start + timedelta(minutes=minutes)
    if kind == RECORD_LATE:  # ends late in the afternoon; the record is typed in more than 4 hours later
        target_end = datetime.combine(origin, time(16, 0), TZ) + timedelta(minutes=rng.uniform(0, 30))
        if end < target_end:
            start, end = target_end - timedelta(minutes=minutes), target_end
        entered = end + timedelta(minutes=rng.uniform(250, 290))
    else:
        entered = end + timedelta(minutes=20)
    insp_id = f"IN{entry_id}"
    abnormal = kind == ABNORMAL_NOT_HANDED_OVER
    if kind == INSPECTION_REASSIGNED:  # first given to another inspector, then moved to the lead
        first = _pick(rng, sec, "INSPECT", b.avoid | {lead, second})
        self_assigned = rng.random() < 0.5
        operator = lead if self_assigned else _pick(rng, sec, "INSPECT_ASSIGN", b.avoid)
        b.reassigns.append(
            {
                "insp_id": insp_id,
                "seq": 1,
                "from_officer_id": first,
                "to_officer_id": lead,
                "operated_by_officer_id": operator,
                "reassign_ts": assign_ts + timedelta(minutes=rng.uniform(2, 9)),
                "reason": "工作调整",
            }
        )
        note = "inspection reassigned by its new lead (self-assignment)" if self_assigned else "inspection reassigned"
        labels.append(("AP-CLR-004", "INSPECTION_REASSIGN", f"{insp_id}/1", operator, note))
    t = step("INSPECT", lead, sec, start, minutes, "DONE" if abnormal else "PASS", queued=assign_ts)
    b.inspections.append(
        {
            "insp_id": insp_id,
            "entry_id": entry_id,
            "control_id": control_id,
            "assign_officer_id": _pick(rng, sec, "INSPECT_ASSIGN", b.avoid),
            "assign_ts": assign_ts,
            "lead_officer_id": lead,
            "second_officer_id": second,
            "start_ts": start,
            "end_ts": end,
            "method": used,
            "container_count": containers,
            "result": "ABNORMAL" if abnormal else "NORMAL",
            "result_entered_ts": entered,
            "result_modified_ts": None,
            "result_before_modify": None,
            "record_signed_ts": entered + timedelta(minutes=5),
            "signer_count": 1 if single else 3,
            "photo_count": rng.randint(2, 12),
            "sample_taken": abnormal,
            "handling": "PENALTY" if abnormal else "NONE",
            "handover_ts": None,
            "site_code": f"{b.sub}S1",
            "postponed_by_trader": False,
            "last_update_ts": entered + timedelta(minutes=5),
        }
    )
    if single:
        labels.append(("AP-CLR-003", "INSPECTION", insp_id, lead, "inspection recorded with one officer"))
    elif kind == METHOD_DOWNGRADED:
        labels.append(("AP-CLR-005", "INSPECTION", insp_id, lead, f"{used} inspection for a {method} order"))
    elif kind == RECORD_LATE:
        labels.append(("AP-CLR-011", "INSPECTION", insp_id, lead, "inspection record entered > 4 hours late"))
    elif kind == INSPECTION_START_LATE:
        labels.append(("AP-CLR-010", "INSPECTION", insp_id, lead, "inspection started > 16 working hours late"))
    elif abnormal:
        labels.append(("AP-CLR-018", "INSPECTION", insp_id, lead, "abnormal result not handed over in 2 working days"))
    return max(t, entered)  # released once the record is in


# --- writing --------------------------------------------------------------------------------------------------


def _write(out: Emit, b: Built, manifests: mt.DayManifests, as_of: date, labels: bool) -> None:
    out.write("dec_head", b.head)
    for item in b.items:
        out.write("dec_item", item)
    for s in b.steps:
        out.write("dec_workflow", s)
    for table, rows in (
        ("risk_control", b.controls),
        ("inspection", b.inspections),
        ("inspection_reassign", b.reassigns),
        ("tax_bill", b.tax_bills),
        ("late_fee", b.fees),
        ("dec_modify_apply", b.applies),
    ):
        for row in rows:
            out.write(table, row)
    if b.transit:
        out.write("transit", b.transit)
    if b.bill:
        out.write("manifest_bill", b.bill)
    if b.manifest_change:
        out.write("manifest_change", b.manifest_change)
    if b.manifest is not None:
        manifests.add(b.manifest.row(as_of) if b.ie == "E" else b.manifest.row())
    if labels:
        for code, object_type, object_id, officer, note in b.labels:
            out.label(code, object_type, object_id, officer, note)


def _system_step(b: Built, code: str, ts: datetime, section: str) -> dict:
    return {
        "entry_id": b.entry_id,
        "step_seq": len(b.steps) + 1,
        "step_code": code,
        "officer_id": None,
        "section_unit_code": section,
        "customs_code": b.sub,
        "queue_entered_ts": ts,
        "start_ts": ts,
        "end_ts": ts,
        "result_code": "DONE",
        "is_manual": False,
        "remark": None,
    }


def _close(out: Emit, b: Built, day: date, rng: random.Random, manifests: mt.DayManifests) -> None:
    """结关: the system closes an export once its conveyance has left and the manifest is reconciled."""
    m = b.manifest
    ts = datetime.combine(day, time(9, 0), TZ) + timedelta(minutes=rng.uniform(0, 120))
    out.write("dec_workflow", _system_step(b, "CLOSE", ts, b.release_section))
    out.write(
        "dec_head",
        {
            **b.head,
            "dec_status": "CLOSED",
            "ie_date": m.departure_ts.date(),
            "conveyance_arrival_ts": m.departure_ts,
            "last_update_ts": ts,
        },
    )
    manifests.add(m.row(day))


# --- the day --------------------------------------------------------------------------------------------------


def _plan_scenarios(rng: random.Random, preset: Preset, day: date | None = None) -> dict[int, str]:
    """Which declaration numbers of the day carry an injected bad case (and of which kind)."""
    per_check = max(1, preset.scenarios_per_day // 2)
    plan = [RELEASED_WITH_PENDING_CONTROL, INSPECTION_SINGLE_OFFICER] * preset.scenarios_per_day
    for kind in IN_DAY_KINDS:
        if kind in WORKING_HOURS_KINDS and day is not None and not is_workday(day):
            continue  # working hours do not run on a day off: the check cannot fire
        plan += [kind] * per_check
    slots = rng.sample(range(preset.declarations_per_day), k=min(preset.declarations_per_day, len(plan)))
    return {slot: plan[i] for i, slot in enumerate(slots)}


def day_plan(w: World, day: date) -> dict[int, str]:
    return _plan_scenarios(random.Random(f"day-{w.seed}-{day.isoformat()}"), w.preset, day)


def _aged_origin(kind: str, target: date) -> date:
    return {
        INSPECTION_START_LATE: lambda: workdays_back(target, 3),
        PAPER_NOT_SUBMITTED: lambda: target - timedelta(days=11),
        MODIFY_PENDING: lambda: workdays_back(workdays_back(target, 6), 1),
        EXPORT_NOT_CLOSED: lambda: target - timedelta(days=4),
        SUSPENDED_TOO_LONG: lambda: workdays_back(target, 4),
        ABNORMAL_NOT_HANDED_OVER: lambda: workdays_back(target, 3),
    }[kind]()


@dataclass(frozen=True)
class AgedSpec:
    kind: str
    origin: date
    seq: int
    trade_co: str | None = None
    related_entry_id: str | None = None
    trade_mode: str | None = None


def _month_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _aged_plan(w: World, target: date) -> list[AgedSpec]:
    """The aged scenario objects delivered on `target` (entry numbers unique per target day)."""
    per_check = max(1, w.preset.scenarios_per_day // 2)
    slots: dict[int, int] = defaultdict(int)

    def seq_for(origin: date) -> int:
        delta = (target - origin).days
        seq = AGED_SEQ + delta * 1000 + slots[delta]
        slots[delta] += 1
        return seq

    specs = []
    for kind in AGED_KINDS:
        origin = _aged_origin(kind, target)
        specs += [AgedSpec(kind, origin, seq_for(origin)) for _ in range(per_check)]
    # 集中申报: the consolidated declaration for month M's lists is due on day 10 of M+1 (general trade) or at the
    # end of M+1 (bonded); on that day, one enterprise has its lists uncovered, one (near miss) is covered
    last_day = calendar.monthrange(target.year, target.month)[1]
    bonded = target.day == last_day
    if target.day == 10 or bonded:
        prev_last = target.replace(day=1) - timedelta(days=1)
        rng = random.Random(f"lists-{w.seed}-{target.isoformat()}")
        trade_mode = "1233" if bonded else "0110"
        for j in range(per_check):
            district = w.district_of[w.subordinates[j % len(w.subordinates)]]
            uncovered, covered = rng.sample(w.by_district[district], 2)
            list_days = [_month_day(prev_last.year, prev_last.month, d) for d in (5, 15, 25)]
            for d in list_days:
                specs.append(
                    AgedSpec(LIST_UNCONSOLIDATED, d, seq_for(d), uncovered["enterprise_code"], None, trade_mode)
                )
            filed = target.replace(day=5 if not bonded else 20)
            c_seq = seq_for(filed)
            c_id = _entry_id(w.subordinates[c_seq % len(w.subordinates)], filed, "I", c_seq)
            for d in list_days[:2]:
                specs.append(AgedSpec(LIST_CONSOLIDATED, d, seq_for(d), covered["enterprise_code"], c_id, trade_mode))
            specs.append(AgedSpec(CONSOLIDATION, filed, c_seq, covered["enterprise_code"], None, trade_mode))
    return specs


def _build_aged(w: World, spec: AgedSpec, target: date) -> Built:
    return _build(w, spec.origin, spec.seq, spec.kind, target, spec.trade_co, spec.related_entry_id, spec.trade_mode)


def _emit_aged(w: World, day: date, out: Emit, manifests: mt.DayManifests) -> None:
    unconsolidated: dict[tuple[str, str], list[str]] = defaultdict(list)
    for spec in _aged_plan(w, day):
        b = _build_aged(w, spec, day)
        _write(out, b, manifests, day, labels=True)
        if spec.kind == LIST_UNCONSOLIDATED:
            unconsolidated[(b.head["trade_co"], spec.trade_mode)].append(b.entry_id)
    prev = day.replace(day=1) - timedelta(days=1)
    for (trade_co, trade_mode), _lists in sorted(unconsolidated.items()):
        category = "BONDED" if trade_mode == "1233" else "GENERAL"
        out.label(
            "AP-CLR-019",
            "ENTERPRISE",
            f"{trade_co}/{prev:%Y-%m}/{category}",
            None,
            "consolidated lists of last month not declared by the deadline",
        )


def _emit_followups(w: World, day: date, out: Emit, manifests: mt.DayManifests) -> None:
    """What happened on `day` to yesterday's aged scenario objects, after their prompt."""
    yesterday = day - timedelta(days=1)
    rng = random.Random(f"followup-{w.seed}-{day.isoformat()}")
    morning = datetime.combine(day, time(9, 0), TZ)
    for spec in _aged_plan(w, yesterday):
        if spec.kind not in (PAPER_NOT_SUBMITTED, MODIFY_PENDING, EXPORT_NOT_CLOSED, ABNORMAL_NOT_HANDED_OVER):
            continue
        b = _build_aged(w, spec, yesterday)
        ts = morning + timedelta(minutes=rng.uniform(0, 120))
        if spec.kind == PAPER_NOT_SUBMITTED:  # electronic data cancelled by the system
            out.write("dec_workflow", _system_step(b, "DELETE", ts, b.accept_section))
            out.write("dec_head", {**b.head, "dec_status": "DELETED", "last_update_ts": ts})
        elif spec.kind == MODIFY_PENDING:
            out.write("dec_head", b.head)
            for a in b.applies:
                out.write("dec_modify_apply", {**a, "decision": "APPROVED", "decision_ts": ts, "last_update_ts": ts})
        elif spec.kind == EXPORT_NOT_CLOSED:
            _close(out, b, day, rng, manifests)
            continue
        else:
            out.write("dec_head", b.head)
            for control in b.controls:
                out.write("risk_control", control)
            for ins in b.inspections:
                out.write("inspection", {**ins, "handover_ts": ts, "last_update_ts": ts})
        if b.manifest is not None:
            manifests.add(b.manifest.row(day) if b.ie == "E" else b.manifest.row())


def _close_exports(w: World, day: date, out: Emit, manifests: mt.DayManifests) -> None:
    """Exports whose conveyance left yesterday are closed today (declared two or three days ago)."""
    rng = random.Random(f"close-{w.seed}-{day.isoformat()}")
    departed = day - timedelta(days=1)
    for back in (2, 3):
        origin = day - timedelta(days=back)
        plan = day_plan(w, origin)
        for seq in range(w.preset.declarations_per_day):
            kind = plan.get(seq)
            basics = _basics(_stream(w, origin, seq), w.preset, kind, w.vessels)
            if basics.ie != "E" or origin + timedelta(days=basics.departure_offset) != departed:
                continue
            b = _build(w, origin, seq, kind, origin)
            if b.released:
                _close(out, b, day, rng, manifests)


def generate_declarations(ctx: DayContext, out: Emit) -> None:
    """The day's declarations; each one's handle is appended to ctx.declarations for the domain generators."""
    day = ctx.biz_date
    w = build_world(ctx.org, ctx.preset, ctx.seed)
    manifests = mt.DayManifests(day)
    plan = day_plan(w, day)
    for seq in range(ctx.preset.declarations_per_day):
        b = _build(w, day, seq, plan.get(seq), day)
        _write(out, b, manifests, day, labels=True)
        ctx.declarations.append(b.ref)
    _emit_aged(w, day, out, manifests)
    _emit_followups(w, day, out, manifests)
    _close_exports(w, day, out, manifests)
    for row in mt.changed_on(w.seed, w.subordinates, day, w.vessels, w.transmitters):
        manifests.add(row)
    manifests.flush(out)


def declared_item(
    entry_id: str, g_no: int, ie: str, code_ts: str, qty: Decimal, usd: Decimal, origin: str, dutiable: bool
) -> dict:
    """One item of a plain declaration: valued at the customs rate 7.10, 5 % MFN duty when dutiable, 13 % VAT on
    imports."""
    cny = (usd * Decimal("7.10")).quantize(Decimal("0.01"))
    duty = (cny * Decimal("0.05")).quantize(Decimal("0.01")) if dutiable else Decimal(0)
    vat = (cny * Decimal("0.13")).quantize(Decimal("0.01")) if ie == "I" else Decimal(0)
    return {
        "entry_id": entry_id,
        "g_no": g_no,
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
        "trade_curr": CURRENCIES.get(origin, "USD"),
        "origin_country": origin if ie == "I" else "CHN",
        "dest_country": "CHN" if ie == "I" else origin,
        "duty_mode": "1",
        "usd_value": usd,
        "cny_value": cny,
        "applied_duty_rate": Decimal("0.05") if duty else Decimal(0),
        "applied_rate_type": "MFN",
        "duty_amount_cny": duty,
        "vat_amount_cny": vat,
        "consumption_amount_cny": Decimal(0),
    }


def freight_and_insurance(ie_flag: str, trans_mode: str) -> dict:
    """What an import declares besides the price under its terms (成交方式): FOB (3) adds freight and insurance,
    C&F (2) insurance, CIF (1) nothing; exports declare none. Rates in percent, as fee_mark/insur_mark '1' say."""
    freight = ie_flag == "I" and trans_mode == "3"
    insurance = ie_flag == "I" and trans_mode in ("2", "3")
    return {
        "fee_mark": "1" if freight else None,
        "fee_rate": Decimal("2.5") if freight else None,
        "fee_curr": None,
        "insur_mark": "1" if insurance else None,
        "insur_rate": Decimal("0.3") if insurance else None,
        "insur_curr": None,
    }


def iter_reference_rows(org: Organisation, biz_date: date) -> Iterator[tuple[str, dict]]:
    from customs_risk.generator import organisation as o

    for u in org.units:
        yield "org_unit", u
    for p in o.post_rows():
        yield "post", p
    for r in o.officer_rows(org):
        yield "officer", r
    for r in o.assignment_rows(org):
        yield "officer_post_assignment", r
    for r in o.calendar_rows(biz_date.year):
        yield "work_calendar", r
    for e in org.enterprises:
        yield "enterprise", e
