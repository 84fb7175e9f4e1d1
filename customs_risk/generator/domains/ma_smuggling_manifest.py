"""Anti-smuggling (缉私) clues, cases and disposals, and the manifest/transit monitoring stories.

Anti-smuggling tables (smuggling_clue, smuggling_case, confiscated_goods_disposal) are generated here only. Every
day carries clean rows: clues created and accepted the same day, cases closed on the day with lawful decisions
(a VIOLATION penalty of 50 % of the evaded tax, a confiscation whose goods are auctioned at 80 % of their value to
an unrelated buyer, a NO_PENALTY case of an unregistered party), so MA-ASM-* and EX-ASM-* stay silent on them.

Every story is anchored on the business day D and delivered on D with every row it needs (older parts included,
so a warehouse starting on D sees the whole object). A near miss that would cross its threshold the next day is
resolved on D + 1 (the clue accepted, the case closed, the transit arrived), so it never fires later.

The bad cases (one per check a day, labelled), with their near misses:
  MA-ASM-001  export inspected ABNORMAL on D - 30, handed to anti-smuggling with 8 000 CNY at stake, no clue or case
              (near misses: 4 999.99 at stake; 9 000 with a clue sourced from the inspection)
  MA-ASM-002  ADMIN_SMUGGLING case with 150 000 evaded closed on D with a penalty (near miss: 99 999.99)
  MA-ASM-003  VIOLATION penalty of 20 % of the evaded tax (near miss: exactly 30 %)
  MA-ASM-004  case WITHDRAWN on D for an enterprise with two penalties closed in the two years before its filing
              (near miss: NO_PENALTY for an enterprise with one)
  EX-ASM-001  clue unaccepted on the 8th working day (near miss: 7th, accepted on D + 1)
  EX-ASM-002  VIOLATION case filed 6 months + 1 day ago, open (near miss: extension until D, closed on D + 1)
  EX-ASM-003  CRIMINAL case with goods detained 366 days (near miss: 365 days, released on D + 1)
  EX-ASM-004  auction at 40 % of the value; auction to the case's own party (near miss: exactly 50 %)
  MA-MNF-001  pack_no of a released, gated-out bill amended on D (near miss: goods_desc amended before release)
  MA-MNF-002  bill tallied on D - 10, 4 packages short, never corrected (near miss: weight exactly 3 % off)
  MA-MNF-003  export transit written off on D with another seal number (near miss: clean transit)
  MA-MNF-004  export transit written off at a customs other than its destination
  MA-MNF-005  import bill gated out on D with no declaration (near miss: gated out at the release minute)
  MA-MNF-006  transit not arrived, its limit D - 1 (near miss: limit on D, arrived and written off on D + 1)
  EX-MNF-001  container bill sent 23 h before loading (near miss: exactly 24 h)
  EX-MNF-002  a transmitter with 120 bills and 20 changes in 30 days (near miss: 100 bills, 10 changes)

Keys: entry-id sequence numbers 950000–959999 (950000 + days back × 100 + index), ASM…/MNF… prefixed ids, manifest
change ids 9·10^15 + yyyymmdd·10^4 + n.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from customs_risk.generator.clearance import Emit
from customs_risk.generator.context import DayContext
from customs_risk.generator.domains import operations as ops
from customs_risk.generator.organisation import Officer, Section, calendar_rows

TZ = ZoneInfo("Asia/Shanghai")
STREAM = "ma_smuggling_manifest"
SEQ_BASE = 950_000
CHANGE_BASE = 9_000_000_000_000_000


def _at(day: date, hh: int, mm: float = 0) -> datetime:
    return datetime.combine(day, time(hh, 0), TZ) + timedelta(minutes=mm)


def _months_back(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    import calendar

    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _workdays(first: date, last: date) -> list[date]:
    out: list[date] = []
    for year in range(first.year, last.year + 1):
        out += [r["cal_date"] for r in calendar_rows(year) if r["is_workday"] and first <= r["cal_date"] <= last]
    return out


def _created_workdays_ago(day: date, n: int) -> date:
    """The latest date c with exactly n working days in (c, day]."""
    c = day
    while len(_workdays(c + timedelta(days=1), day)) < n:
        c -= timedelta(days=1)
    return c


class World:
    """The day's officers, enterprises and key counters."""

    def __init__(self, ctx: DayContext):
        self.ctx, self.day = ctx, ctx.biz_date
        self.rng = ctx.rng(STREAM)
        org = ctx.org
        self.subs = sorted({s.subordinate_code for s in org.sections})
        self.traders = [e for e in org.enterprises if e["enterprise_kind"] == "trader" and e["status"] == "active"]
        self.brokers = [e for e in org.enterprises if e["enterprise_kind"] == "broker"]
        self.n = 0
        self.change_n = 0

    def section(self, sub: str, post: str) -> Section:
        return self.ctx.org.section_for(sub, "clearance", post)

    def officer(self, sub: str, post: str) -> Officer:
        return self.rng.choice(self.section(sub, post).officers[post])

    def chief(self, sub: str, post: str) -> Officer:
        return self.section(sub, post).officers["SUPERVISOR"][0]

    def key(self, prefix: str, day: date | None = None) -> str:
        self.n += 1
        return f"{prefix}{(day or self.day):%Y%m%d}{self.n:04d}"

    def change_id(self) -> int:
        self.change_n += 1
        return CHANGE_BASE + int(f"{self.day:%Y%m%d}") * 10_000 + self.change_n

    def trader(self, salt: int) -> dict:
        return self.traders[(self.day.toordinal() * 7 + salt) % len(self.traders)]


# --- anti-smuggling rows -----------------------------------------------------------------------------------------


def clue(w: World, sub: str, created: datetime, accepted: datetime | None, source: str, ref: str | None, ent) -> dict:
    officer = w.officer(sub, "REVIEW") if accepted else None
    return {
        "clue_id": w.key("ASMC", created.date()),
        "source_type": source,
        "source_ref": ref,
        "enterprise_code": ent,
        "create_ts": created,
        "receive_unit_code": w.section(sub, "REVIEW").unit_code,
        "accept_ts": accepted,
        "accept_officer_id": officer.officer_id if officer else None,
        "decision": "PENDING",
        "decision_ts": None,
        "last_update_ts": accepted or created,
    }


def case(
    w: World,
    sub: str,
    kind: str,
    filed: datetime,
    evaded: Decimal,
    enterprise: str | None,
    closed: datetime | None = None,
    decision: str | None = None,
    fine: Decimal | None = None,
    lead: Officer | None = None,
) -> dict:
    lead = lead or w.officer(sub, "REVIEW")
    return {
        "case_id": w.key("ASMK", filed.date()),
        "case_kind": kind,
        "clue_id": None,
        "related_entry_id": None,
        "enterprise_code": enterprise,
        "unit_code": w.section(sub, "REVIEW").unit_code,
        "lead_officer_id": lead.officer_id,
        "approve_officer_id": w.chief(sub, "REVIEW").officer_id,
        "filing_ts": filed,
        "evaded_tax_cny": evaded,
        "case_value_cny": evaded * 5,
        "status": "CLOSED" if closed else "INVESTIGATING",
        "extension_approved_ts": None,
        "extension_until": None,
        "closing_ts": closed,
        "decision": decision,
        "fine_cny": fine,
        "confiscated_value_cny": evaded * 2 if decision == "CONFISCATE" else None,
        "detention_start_ts": None,
        "detention_released_ts": None,
        "last_update_ts": closed or filed,
    }


def disposal(w: World, sub: str, case_row: dict, ts: datetime, value: Decimal, price: Decimal, buyer: str) -> dict:
    return {
        "disposal_id": w.key("ASMD"),
        "case_id": case_row["case_id"],
        "goods_value_cny": value,
        "disposal_ts": ts,
        "method": "AUCTION",
        "buyer_code": buyer,
        "price_cny": price,
        "officer_id": w.officer(sub, "RELEASE").officer_id,
    }


def _clean_anti_smuggling(w: World, out: Emit) -> None:
    day, rng = w.day, w.rng
    for i, source in enumerate(("INTEL", "REPORT", "AUDIT")):
        sub = w.subs[i % len(w.subs)]
        created = _at(day, 9, rng.uniform(0, 120))
        out.write(
            "smuggling_clue",
            clue(w, sub, created, created + timedelta(hours=2), source, None, w.trader(10 + i)["enterprise_code"]),
        )
    sub = w.subs[0]
    evaded = Decimal(rng.randint(5_000, 60_000))
    filed = _at(day - timedelta(days=rng.randint(20, 120)), 10)
    out.write(
        "smuggling_case",
        case(w, sub, "VIOLATION", filed, evaded, w.trader(20)["enterprise_code"], _at(day, 15), "PENALTY", evaded / 2),
    )
    out.write(
        "smuggling_case", case(w, sub, "SIMPLE", filed, Decimal(800), None, _at(day, 16), "NO_PENALTY", Decimal(0))
    )
    seized = case(w, sub, "ADMIN_SMUGGLING", filed, Decimal(30_000), w.trader(21)["enterprise_code"])
    seized.update(
        status="CLOSED",
        closing_ts=_at(day - timedelta(days=15), 11),
        decision="CONFISCATE",
        confiscated_value_cny=Decimal(60_000),
        detention_start_ts=filed,
        detention_released_ts=_at(day - timedelta(days=15), 11),
        last_update_ts=_at(day - timedelta(days=15), 11),
    )
    out.write("smuggling_case", seized)
    buyer = w.trader(22)["enterprise_code"]
    out.write(
        "confiscated_goods_disposal", disposal(w, sub, seized, _at(day, 10), Decimal(60_000), Decimal(48_000), buyer)
    )


def _asm_scenarios(w: World, out: Emit) -> None:
    day, rng = w.day, w.rng
    sub = w.subs[1 % len(w.subs)]

    # MA-ASM-001: inspection findings left without clue or case (own declarations, 30 days back)
    old = day - timedelta(days=30)
    b = ops.Builder(replace(w.ctx, biz_date=old), random.Random(f"{STREAM}-insp-{w.ctx.seed}-{day.isoformat()}"))
    b.seq = SEQ_BASE + 30 * 100
    for amount, with_clue in ((Decimal(8000), False), (Decimal("4999.99"), False), (Decimal(9000), True)):
        d = b.declaration("E", dutiable=False)
        b.control(d)
        insp = b.inspect(d)
        handover = insp["record_signed_ts"] + timedelta(minutes=10)
        insp.update(
            result="ABNORMAL",
            sample_taken=True,
            handling="TRANSFER_ASB",
            handover_ts=handover,
            est_tax_diff_cny=amount,
            last_update_ts=handover,
        )
        d.t = handover
        b.release(d)
        d.write(out, "RELEASED")
        if with_clue:
            out.write(
                "smuggling_clue",
                clue(w, d.sub, handover, handover + timedelta(hours=3), "INSPECTION", insp["insp_id"], None),
            )
        elif amount >= 5000:
            out.label(
                "MA-ASM-001",
                "INSPECTION",
                insp["insp_id"],
                insp["lead_officer_id"],
                "ABNORMAL inspection handed to anti-smuggling 30 days ago, 8000 CNY at stake, no clue or case",
            )

    # MA-ASM-002 / 003: administrative handling of a criminal-size case; a fine below 30 %
    filed = _at(day - timedelta(days=60), 10)
    big = case(
        w,
        sub,
        "ADMIN_SMUGGLING",
        filed,
        Decimal(150_000),
        w.trader(1)["enterprise_code"],
        _at(day, 14),
        "PENALTY",
        Decimal(150_000),
    )
    out.write("smuggling_case", big)
    out.label("MA-ASM-002", "SMUGGLING_CASE", big["case_id"], big["lead_officer_id"], "150000 evaded, penalty only")
    out.write(
        "smuggling_case",
        case(
            w,
            sub,
            "VIOLATION",
            filed,
            Decimal("99999.99"),
            w.trader(2)["enterprise_code"],
            _at(day, 14),
            "PENALTY",
            Decimal(50_000),
        ),
    )
    low = case(
        w,
        sub,
        "VIOLATION",
        filed,
        Decimal(40_000),
        w.trader(3)["enterprise_code"],
        _at(day, 15),
        "PENALTY",
        Decimal(8_000),
    )
    out.write("smuggling_case", low)
    out.label("MA-ASM-003", "SMUGGLING_CASE", low["case_id"], low["lead_officer_id"], "fine 20 % of evaded tax")
    out.write(
        "smuggling_case",
        case(
            w,
            sub,
            "VIOLATION",
            filed,
            Decimal(40_000),
            w.trader(4)["enterprise_code"],
            _at(day, 15),
            "PENALTY",
            Decimal(12_000),
        ),
    )

    # MA-ASM-004: repeat offender let off (two priors) / near miss (one prior)
    for salt, priors in ((5, 2), (6, 1)):
        ent = w.trader(salt)["enterprise_code"]
        for k in range(priors):
            p_filed = _at(day - timedelta(days=400 - 150 * k), 10)
            evaded = Decimal(rng.randint(3_000, 9_000))
            decision = ("PENALTY", "CONFISCATE")[k % 2]
            out.write(
                "smuggling_case",
                case(w, sub, "VIOLATION", p_filed, evaded, ent, p_filed + timedelta(days=60), decision, evaded),
            )
        let_off = case(
            w,
            sub,
            "VIOLATION",
            _at(day - timedelta(days=40), 10),
            Decimal(2_000),
            ent,
            _at(day, 11),
            "WITHDRAWN" if priors == 2 else "NO_PENALTY",
            None,
        )
        out.write("smuggling_case", let_off)
        if priors == 2:
            out.label(
                "MA-ASM-004",
                "SMUGGLING_CASE",
                let_off["case_id"],
                let_off["lead_officer_id"],
                "case withdrawn for an enterprise penalised twice in two years",
            )

    # EX-ASM-001: clue unaccepted on the 8th working day; near miss on the 7th (accepted tomorrow)
    late = clue(w, sub, _at(_created_workdays_ago(day, 8), 16), None, "REPORT", None, None)
    out.write("smuggling_clue", late)
    out.label("EX-ASM-001", "SMUGGLING_CLUE", late["clue_id"], None, "clue not accepted within 7 working days")
    for anchor, accepted in ((day, None), (day - timedelta(days=1), _at(day, 9))):
        near = clue(w, sub, _at(_created_workdays_ago(anchor, 7), 16), accepted, "REPORT", None, None)
        near["clue_id"] = f"ASMC{anchor:%Y%m%d}N7"
        out.write("smuggling_clue", near)

    # EX-ASM-002: open case past six months; near miss extended until D (closed on D + 1)
    stale = case(w, sub, "VIOLATION", _at(_months_back(day, 6) - timedelta(days=1), 10), Decimal(3_000), None)
    out.write("smuggling_case", stale)
    out.label("EX-ASM-002", "SMUGGLING_CASE", stale["case_id"], stale["lead_officer_id"], "open 6 months + 1 day")
    for anchor in (day, day - timedelta(days=1)):
        near = case(
            w,
            sub,
            "VIOLATION",
            _at(_months_back(anchor, 8), 10),
            Decimal(3_000),
            None,
            lead=w.section(sub, "REVIEW").officers["REVIEW"][0],
        )
        near.update(
            case_id=f"ASMK{anchor:%Y%m%d}EXT",
            extension_approved_ts=_at(_months_back(anchor, 2), 10),
            extension_until=anchor,
        )
        if anchor < day:
            near.update(
                status="CLOSED",
                closing_ts=_at(day, 9),
                decision="PENALTY",
                fine_cny=Decimal(1_500),
                last_update_ts=_at(day, 9),
            )
        out.write("smuggling_case", near)

    # EX-ASM-003: criminal case, goods detained 366 days; near miss 365 days (released on D + 1)
    held = case(
        w, sub, "CRIMINAL", _at(day - timedelta(days=370), 10), Decimal(900_000), w.trader(7)["enterprise_code"]
    )
    held.update(detention_start_ts=_at(day - timedelta(days=366), 10))
    out.write("smuggling_case", held)
    out.label("EX-ASM-003", "SMUGGLING_CASE", held["case_id"], held["lead_officer_id"], "goods detained 366 days")
    for anchor in (day, day - timedelta(days=1)):
        near = case(
            w,
            sub,
            "CRIMINAL",
            _at(anchor - timedelta(days=370), 10),
            Decimal(900_000),
            None,
            lead=w.section(sub, "REVIEW").officers["REVIEW"][1],
        )
        near.update(case_id=f"ASMK{anchor:%Y%m%d}DET", detention_start_ts=_at(anchor - timedelta(days=365), 10))
        if anchor < day:
            near.update(detention_released_ts=_at(day, 9), last_update_ts=_at(day, 9))
        out.write("smuggling_case", near)

    # EX-ASM-004: a cheap auction and an auction to the party; near miss at exactly half the value
    party = w.trader(8)["enterprise_code"]
    seized = case(
        w,
        sub,
        "ADMIN_SMUGGLING",
        _at(day - timedelta(days=90), 10),
        Decimal(20_000),
        party,
        _at(day - timedelta(days=20), 10),
        "CONFISCATE",
        None,
    )
    out.write("smuggling_case", seized)
    other = w.trader(9)["enterprise_code"]
    for value, price, buyer, label in (
        (Decimal(50_000), Decimal(20_000), other, "auctioned at 40 % of the value"),
        (Decimal(30_000), Decimal(27_000), party, "auctioned to the case's own party"),
        (Decimal(40_000), Decimal(20_000), other, None),
    ):
        row = disposal(w, sub, seized, _at(day, 10, rng.uniform(0, 300)), value, price, buyer)
        out.write("confiscated_goods_disposal", row)
        if label:
            out.label("EX-ASM-004", "DISPOSAL", row["disposal_id"], row["officer_id"], label)


# --- manifests and transits --------------------------------------------------------------------------------------


def manifest(
    mid: str, ie: str, sub: str, transmitter: str, loading: datetime, eta: datetime | None, arrival: datetime | None
) -> dict:
    return {
        "manifest_id": mid,
        "ie_flag": ie,
        "traf_mode": "2",
        "conveyance_id": f"UN9{mid[-6:]}",
        "is_container_vessel": True,
        "voyage_no": f"{mid[-3:]}E",
        "customs_code": sub,
        "transmitter_code": transmitter,
        "loading_ts": loading,
        "first_port_eta": eta,
        "arrival_ts": arrival,
        "departure_ts": None,
        "last_update_ts": arrival or (loading - timedelta(days=3)),
    }


def bill(mid: str, bill_no: str, main: datetime, pack: int, wt: Decimal, status: str, **kw) -> dict:
    row = {
        "manifest_id": mid,
        "bill_no": bill_no,
        "consignee_name": "收货人",
        "pack_no": pack,
        "gross_wt": wt,
        "goods_desc": "杂货",
        "main_data_ts": main,
        "other_data_ts": main + timedelta(hours=1),
        "tally_ts": None,
        "tally_pack_no": None,
        "tally_gross_wt": None,
        "arrival_report_ts": None,
        "gate_out_ts": None,
        "status": status,
        "disposed_ts": None,
        "modify_count": 0,
        "last_update_ts": main,
    }
    row.update(kw)
    row["last_update_ts"] = max(v for k, v in row.items() if k.endswith("_ts") and v is not None)
    return row


def change(w: World, mid: str, bill_no: str, field: str, approve: datetime, officer: Officer) -> dict:
    return {
        "change_id": w.change_id(),
        "manifest_id": mid,
        "bill_no": bill_no,
        "change_type": "MODIFY",
        "field_name": field,
        "old_value": "原值",
        "new_value": "新值",
        "apply_ts": approve - timedelta(minutes=40),
        "approve_officer_id": officer.officer_id,
        "approve_ts": approve,
        "penalty_case_id": None,
    }


def transit(
    w: World,
    no: str,
    start: str,
    dest: str,
    handover: datetime,
    arrival: datetime | None,
    arrived_at: str | None,
    seal_arrive: str | None,
) -> dict:
    officer = w.officer(arrived_at, "ACCEPT") if arrival else None
    write_off = arrival + timedelta(hours=2) if arrival else None
    return {
        "transit_no": no,
        "ie_flag": "E",
        "transit_mode": "ADVANCE",
        "entry_id": None,
        "bill_no": f"{no}B",
        "start_customs_code": start,
        "dest_customs_code": dest,
        "declare_ts": handover - timedelta(hours=2),
        "handover_ts": handover,
        "seal_no_depart": f"GS{no[-8:]}",
        "seal_no_arrive": seal_arrive,
        "time_limit_ts": handover + timedelta(days=3),
        "arrival_ts": arrival,
        "arrival_customs_code": arrived_at,
        "arrival_confirm_officer_id": officer.officer_id if officer else None,
        "write_off_ts": write_off,
        "status": "WRITTEN_OFF" if arrival else "HANDED_OVER",
        "last_update_ts": write_off or handover,
    }


def _mnf_scenarios(w: World, out: Emit) -> None:
    day, rng = w.day, w.rng
    sub, other = w.subs[0], w.subs[1 % len(w.subs)]
    carrier = w.brokers[day.toordinal() % len(w.brokers)]["enterprise_code"]
    tag = f"{day:%Y%m%d}"
    manifests: list[dict] = []

    # an import vessel that arrived on D - 10 (tallied that day) and one that arrived yesterday
    arr10 = _at(day - timedelta(days=10), 4)
    m10 = manifest(f"MNFI{sub}{tag}01", "I", sub, carrier, arr10 - timedelta(days=6), arr10 - timedelta(hours=2), arr10)
    arr1 = _at(day - timedelta(days=1), 4)
    m1 = manifest(f"MNFI{sub}{tag}02", "I", sub, carrier, arr1 - timedelta(days=6), arr1 - timedelta(hours=2), arr1)
    manifests += [m10, m1]

    # MA-MNF-002: shortage at tally on D - 10, never corrected; near miss: weight exactly 3 % off
    main10 = m10["loading_ts"] - timedelta(hours=30)
    short = bill(
        m10["manifest_id"],
        f"MNFB{tag}0001",
        main10,
        100,
        Decimal(2000),
        "DECLARED",
        tally_ts=arr10 + timedelta(hours=1),
        tally_pack_no=96,
        tally_gross_wt=Decimal(2000),
    )
    out.write("manifest_bill", short)
    out.label(
        "MA-MNF-002",
        "MANIFEST_BILL",
        f"{short['manifest_id']}/{short['bill_no']}",
        None,
        "tally 4 packages short 10 days ago, manifest never corrected",
    )
    out.write(
        "manifest_bill",
        bill(
            m10["manifest_id"],
            f"MNFB{tag}0002",
            main10,
            100,
            Decimal(2000),
            "DECLARED",
            tally_ts=arr10 + timedelta(hours=1),
            tally_pack_no=100,
            tally_gross_wt=Decimal(2060),
        ),
    )

    # MA-MNF-005: gated out on D with no declaration
    main1 = m1["loading_ts"] - timedelta(hours=30)
    tally1 = dict(tally_ts=arr1 + timedelta(hours=1), tally_pack_no=40, tally_gross_wt=Decimal(800))
    gone = bill(
        m1["manifest_id"],
        f"MNFB{tag}0003",
        main1,
        40,
        Decimal(800),
        "RELEASED",
        gate_out_ts=_at(day, 14, rng.uniform(0, 120)),
        **tally1,
    )
    out.write("manifest_bill", gone)
    out.label(
        "MA-MNF-005",
        "MANIFEST_BILL",
        f"{gone['manifest_id']}/{gone['bill_no']}",
        None,
        "import cargo gated out without any declaration",
    )

    # MA-MNF-001: a released import's bill amended after gate-out; near miss: amended before release and gated
    # out at the release minute (also MA-MNF-005's near miss)
    b = ops.Builder(w.ctx, random.Random(f"{STREAM}-mnf-{w.ctx.seed}-{day.isoformat()}"))
    b.seq = SEQ_BASE + 50
    for n, after in ((4, True), (5, False)):
        d = b.declaration("I", dutiable=False)
        bill_no = f"MNFB{tag}000{n}"
        d.head.update(bill_no=bill_no, manifest_id=m1["manifest_id"], conveyance_arrival_ts=arr1, traf_mode="2")
        approver = w.officer(d.sub, "REVIEW")
        if not after:
            amend = change(w, m1["manifest_id"], bill_no, "goods_desc", d.t + timedelta(minutes=5), approver)
        b.tax(d)
        _, released = b.release(d)
        gate_out = released + timedelta(minutes=45) if after else released
        if after:
            amend = change(w, m1["manifest_id"], bill_no, "pack_no", gate_out + timedelta(hours=2), approver)
        d.write(out, "RELEASED")
        pack, wt = d.head["pack_no"], d.head["gross_wt"]
        out.write(
            "manifest_bill",
            bill(
                m1["manifest_id"],
                bill_no,
                main1,
                pack,
                wt,
                "RELEASED",
                gate_out_ts=gate_out,
                modify_count=1,
                tally_ts=arr1 + timedelta(hours=1),
                tally_pack_no=pack,
                tally_gross_wt=wt,
            ),
        )
        out.write("manifest_change", amend)
        if after:
            out.label(
                "MA-MNF-001",
                "MANIFEST_CHANGE",
                str(amend["change_id"]),
                approver.officer_id,
                "pack_no amended after release and gate-out",
            )

    # EX-MNF-001: a container bill sent 23 h before loading; near miss exactly 24 h
    loading = _at(day + timedelta(days=1), 7)
    m_late = manifest(f"MNFI{sub}{tag}03", "I", sub, carrier, loading, loading + timedelta(days=6), None)
    manifests.append(m_late)
    for n, hours in ((6, 23), (7, 24)):
        row = bill(
            m_late["manifest_id"], f"MNFB{tag}000{n}", loading - timedelta(hours=hours), 10, Decimal(500), "ACTIVE"
        )
        out.write("manifest_bill", row)
        if hours < 24:
            out.label(
                "EX-MNF-001",
                "MANIFEST_BILL",
                f"{row['manifest_id']}/{row['bill_no']}",
                None,
                "main manifest data sent 23 h before loading (deadline 24 h)",
            )

    # EX-MNF-002: a transmitter with 120 bills and 20 changes; near miss 100 bills and 10 changes
    for salt, n_bills, n_changes in ((30, 120, 20), (31, 100, 10)):
        sender = w.trader(salt)["enterprise_code"]
        load_e = _at(day + timedelta(days=2), 15)
        m_e = manifest(f"MNFE{sub}{tag}{salt}", "E", sub, sender, load_e, None, None)
        manifests.append(m_e)
        approver = w.officer(sub, "REVIEW")
        for k in range(n_bills):
            bill_no = f"MNFX{tag}{salt}{k:03d}"
            main = _at(day - timedelta(days=k % 2), 9, k)
            out.write(
                "manifest_bill",
                bill(
                    m_e["manifest_id"],
                    bill_no,
                    main,
                    5,
                    Decimal(100),
                    "DECLARED",
                    modify_count=1 if k < n_changes else 0,
                ),
            )
            if k < n_changes:
                out.write(
                    "manifest_change", change(w, m_e["manifest_id"], bill_no, "goods_desc", _at(day, 13, k), approver)
                )
        if n_changes * 10 > n_bills:
            out.label(
                "EX-MNF-002",
                "TRANSMITTER",
                sender,
                approver.officer_id,
                f"{n_changes} manifest changes on {n_bills} bills in 30 days",
            )

    # transits (export ADVANCE, no declaration needed): MA-MNF-003 / 004 / 006 and clean near misses
    handed = _at(day - timedelta(days=1), 9)
    arrival = _at(day, 8, rng.uniform(0, 60))
    seal_bad = transit(w, f"MNFT{tag}01", other, sub, handed, arrival, sub, "GS00000000")
    out.write("transit", seal_bad)
    out.label(
        "MA-MNF-003",
        "TRANSIT",
        seal_bad["transit_no"],
        seal_bad["arrival_confirm_officer_id"],
        "written off with another seal number",
    )
    wrong = transit(w, f"MNFT{tag}02", other, sub, handed, arrival, other, None)
    wrong["seal_no_arrive"] = wrong["seal_no_depart"]
    out.write("transit", wrong)
    out.label(
        "MA-MNF-004",
        "TRANSIT",
        wrong["transit_no"],
        wrong["arrival_confirm_officer_id"],
        "written off at a customs other than its destination",
    )
    ok = transit(w, f"MNFT{tag}03", other, sub, handed, arrival, sub, None)
    ok["seal_no_arrive"] = ok["seal_no_depart"]
    out.write("transit", ok)
    lost = transit(w, f"MNFT{tag}04", other, sub, _at(day - timedelta(days=4), 18), None, None, None)
    out.write("transit", lost)
    out.label("MA-MNF-006", "TRANSIT", lost["transit_no"], None, "not arrived by its limit yesterday")
    for anchor in (day, day - timedelta(days=1)):  # limit on the anchor day; arrived on the next day
        near = transit(w, f"MNFT{anchor:%Y%m%d}05", other, sub, _at(anchor - timedelta(days=3), 17), None, None, None)
        if anchor < day:
            near = transit(w, near["transit_no"], other, sub, near["handover_ts"], _at(day, 7), sub, None)
            near["seal_no_arrive"] = near["seal_no_depart"]
        out.write("transit", near)

    for row in manifests:
        out.write("manifest", row)


def generate(ctx: DayContext, out: Emit) -> None:
    w = World(ctx)
    _clean_anti_smuggling(w, out)
    _asm_scenarios(w, out)
    _mnf_scenarios(w, out)
