"""One business day of declarations and their workflow trail, control orders, inspections, tax and guarantees.

Declarations are produced one at a time and written straight to the table files, so memory stays flat
whatever the day's size.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from customs_risk.generator.context import DayContext, DeclarationRef
from customs_risk.generator.organisation import Organisation, Section
from customs_risk.generator.presets import Preset

TZ = ZoneInfo("Asia/Shanghai")
IMPORT_MODES = ["0110"] * 8 + ["0615", "0214", "1233", "3339"]
EXPORT_MODES = ["0110"] * 8 + ["0615", "0214", "9610"]
COUNTRIES = ["USA", "JPN", "KOR", "DEU", "VNM", "AUS", "BRA", "GBR", "THA", "MYS"]
CURRENCIES = {"USA": "USD", "JPN": "JPY", "KOR": "KRW", "DEU": "EUR", "GBR": "GBP"}
HS_CODES = ["8471300000", "8517620000", "3901100000", "8542319000", "6403990000", "9403200000", "2709000000"]
CONTROL_SOURCES = ["RANDOM", "RANDOM", "RISK_PARAM", "RISK_PARAM", "INSTANT", "DIRECT", "GACC", "INTEL"]
METHODS = ["EXTERNAL", "MACHINE", "PARTIAL", "FULL"]


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


def generate_declarations(ctx: DayContext, out: Emit) -> None:
    """The day's declarations; each one's handle is appended to ctx.declarations for the domain generators."""
    org, preset, biz_date = ctx.org, ctx.preset, ctx.biz_date
    rng = random.Random(f"day-{ctx.seed}-{biz_date.isoformat()}")
    subordinates = sorted({s.subordinate_code for s in org.sections})
    by_district = _enterprises_by_district(org)
    scenario_plan = _plan_scenarios(rng, preset)
    for seq in range(preset.declarations_per_day):
        sub = subordinates[seq % len(subordinates)]
        scenario = scenario_plan.get(seq)
        ctx.declarations.append(_declaration(rng, org, preset, biz_date, seq, sub, by_district, scenario, out))


def _enterprises_by_district(org: Organisation) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in org.enterprises:
        out.setdefault(e["registered_customs_code"], []).append(e)
    return out


def _plan_scenarios(rng: random.Random, preset: Preset) -> dict[int, str]:
    """Which declaration numbers carry an injected bad case (and of which kind)."""
    kinds = ["released_with_pending_control", "inspection_single_officer"]
    slots = rng.sample(
        range(preset.declarations_per_day), k=min(preset.declarations_per_day, preset.scenarios_per_day * len(kinds))
    )
    return {slot: kinds[i % len(kinds)] for i, slot in enumerate(slots)}


def _pick(rng: random.Random, section: Section, post: str, exclude: tuple[str, ...] = ()) -> str:
    choices = [o.officer_id for o in section.officers[post] if o.officer_id not in exclude]
    return rng.choice(choices)


def _declaration(rng, org, preset, biz_date, seq, sub, by_district, scenario, out: Emit) -> DeclarationRef:
    district = next(s.district_code for s in org.sections if s.subordinate_code == sub)
    clearance = org.section_for(sub, "clearance", "ACCEPT")
    inspection_sec = org.section_for(sub, "clearance", "INSPECT")
    tax_sec = org.section_for(sub, "tariff_review", "TAX")
    ie = "I" if rng.random() < preset.import_share else "E"
    entry_id = f"{sub}{biz_date.year}{'1' if ie == 'I' else '0'}{biz_date.timetuple().tm_yday:03d}{seq:06d}"
    company = rng.choice(by_district[district])
    broker = rng.choice(by_district[district])
    declare_ts = _at(biz_date, rng.uniform(0, 360))
    controlled = scenario is not None or rng.random() < preset.control_rate
    # items
    n_items = rng.randint(1, preset.max_items_per_declaration)
    total_cny = Decimal(0)
    duty_total = Decimal(0)
    origin = rng.choice(COUNTRIES)
    item_rows = []
    for g_no in range(1, n_items + 1):
        qty = Decimal(rng.randint(1, 500))
        usd = Decimal(rng.randint(200, 90_000))
        cny = (usd * Decimal("7.10")).quantize(Decimal("0.01"))
        duty = (cny * Decimal("0.05")).quantize(Decimal("0.01")) if ie == "I" and rng.random() < 0.6 else Decimal(0)
        vat = (cny * Decimal("0.13")).quantize(Decimal("0.01")) if ie == "I" else Decimal(0)
        total_cny += cny
        duty_total += duty + vat
        item_rows.append(
            {
                "entry_id": entry_id,
                "g_no": g_no,
                "code_ts": rng.choice(HS_CODES),
                "ciq_code": "999",
                "g_name": "货物",
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
        )
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

    t = step("DECLARE", None, None, declare_ts, 0, "DONE", manual=False)
    t = step("E_REVIEW", None, None, t, 1, manual=False)
    if rng.random() < preset.manual_review_rate:
        t = step(
            "MANUAL_REVIEW", _pick(rng, clearance, "REVIEW"), clearance, t + timedelta(minutes=5), rng.uniform(5, 60)
        )
    t = step("ACCEPT", _pick(rng, clearance, "ACCEPT"), clearance, t + timedelta(minutes=10), rng.uniform(3, 30))
    paid_by = None
    if ie == "I" and duty_total > 0:
        tax_officer = _pick(rng, tax_sec, "TAX")
        t = step("TAX", tax_officer, tax_sec, t, rng.uniform(2, 20))
        paid_by = t + timedelta(minutes=rng.uniform(10, 120))
        for letter, amount in (("A", duty_total * Decimal("0.3")), ("L", duty_total * Decimal("0.7"))):
            out.write(
                "tax_bill",
                {
                    "tax_bill_no": f"{entry_id}-{letter}01",
                    "entry_id": entry_id,
                    "tax_type": letter,
                    "amount_cny": amount.quantize(Decimal("0.01")),
                    "issue_ts": t,
                    "due_date": (t + timedelta(days=15)).date(),
                    "paid_ts": paid_by,
                    "written_off_ts": paid_by + timedelta(hours=1),
                    "payer_code": company["enterprise_code"],
                    "payer_uscc": company["uscc"],
                    "issuing_officer_id": tax_officer,
                    "status": "PAID",
                    "cancel_officer_id": None,
                    "cancel_ts": None,
                    "replaced_by_bill_no": None,
                    "last_update_ts": paid_by + timedelta(hours=1),
                },
            )
        t = max(t, paid_by)
    if controlled:
        t = _control_and_inspect(rng, org, sub, entry_id, t, scenario, inspection_sec, step, out)
    releaser = _pick(rng, clearance, "RELEASE")
    release_end = step("RELEASE", releaser, clearance, t + timedelta(minutes=rng.uniform(5, 40)), rng.uniform(1, 5))
    if scenario == "released_with_pending_control":
        out.label("AP-CLR-001", "ENTRY", entry_id, releaser, "control order still ACTIVE, no inspection before release")
    for s in steps:
        out.write("dec_workflow", s)
    for item in item_rows:
        out.write("dec_item", {**item, "last_update_ts": release_end})
    trade_mode = rng.choice(IMPORT_MODES if ie == "I" else EXPORT_MODES)
    out.write(
        "dec_head",
        {
            "entry_id": entry_id,
            "pre_entry_id": f"P{entry_id[1:]}",
            "ie_flag": ie,
            "declare_customs_code": sub,
            "ie_port_code": sub,
            "ie_date": biz_date,
            "declare_ts": declare_ts,
            "trade_mode": trade_mode,
            "cut_mode": "101",
            "trans_mode": rng.choice("123"),
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
            "conveyance_arrival_ts": declare_ts - timedelta(days=rng.randint(0, 5)) if ie == "I" else None,
            "total_value_cny": total_cny,
            "dec_status": "RELEASED",
            "last_update_ts": release_end,
        },
    )
    return DeclarationRef(
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


def _control_and_inspect(rng, org, sub, entry_id, t, scenario, sec: Section, step, out: Emit) -> datetime:
    control_id = f"RC{entry_id}"
    issuer = _pick(rng, sec, "CONTROL")
    method = rng.choice(METHODS)
    pending = scenario == "released_with_pending_control"
    t = step("CONTROL", issuer, sec, t, rng.uniform(1, 10))
    out.write(
        "risk_control",
        {
            "control_id": control_id,
            "entry_id": entry_id,
            "control_source": rng.choice(CONTROL_SOURCES),
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
        },
    )
    if pending:
        return t  # the bad case: released with the order still active and nothing inspected
    lead = _pick(rng, sec, "INSPECT")
    single = scenario == "inspection_single_officer"
    second = None if single else _pick(rng, sec, "INSPECT", exclude=(lead,))
    assign_ts = t + timedelta(minutes=rng.uniform(5, 30))
    start = assign_ts + timedelta(minutes=rng.uniform(10, 90))
    end = start + timedelta(minutes=rng.uniform(20, 120))
    t = step("INSPECT", lead, sec, start, (end - start).total_seconds() / 60)
    insp_id = f"IN{entry_id}"
    out.write(
        "inspection",
        {
            "insp_id": insp_id,
            "entry_id": entry_id,
            "control_id": control_id,
            "assign_officer_id": _pick(rng, sec, "INSPECT_ASSIGN"),
            "assign_ts": assign_ts,
            "lead_officer_id": lead,
            "second_officer_id": second,
            "start_ts": start,
            "end_ts": end,
            "method": method,
            "container_count": rng.randint(1, 4),
            "result": "NORMAL",
            "result_entered_ts": end + timedelta(minutes=20),
            "result_modified_ts": None,
            "result_before_modify": None,
            "record_signed_ts": end + timedelta(minutes=25),
            "signer_count": 1 if single else 3,
            "photo_count": rng.randint(2, 12),
            "sample_taken": False,
            "handling": "NONE",
            "handover_ts": None,
            "site_code": f"{sub}S1",
            "postponed_by_trader": False,
            "last_update_ts": end + timedelta(minutes=25),
        },
    )
    if single:
        out.label("AP-CLR-003", "INSPECTION", insp_id, lead, "inspection recorded with one officer")
    return t


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
