"""Manifests, bills of lading, manifest changes and customs transit (舱单/提运单/舱单变更/转关).

Two halves:

* helpers that `clearance.py` calls while it builds a declaration: the conveyance manifest a declaration travels
  on (import: arrived before the declaration; export: departs one or two days after it), the declaration's bill,
  an occasional benign manifest change, and a DIRECT transit for imports that came in through another customs.
  A manifest is a pure function of (seed, customs, day, transport mode, vessel number), so every business day
  derives the same row for it; `DayManifests` collects the ones a day needs and writes each once.
* `generate(ctx, out)`: the manifest-layer objects that hang off no declaration of the day: import bills left
  undeclared for more than three months (AP-CLR-014 scenarios) and, one day later, their disposal.

Every timing is chosen to satisfy the statutory manifest deadlines (main data at least 24 h before loading),
the arrival report before release, tally = manifest, gate-out after release, transit sealed and written off in
time, so the manifest and transit checks stay silent on clean data.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from customs_risk.generator.clearance import Emit
    from customs_risk.generator.context import DayContext

TZ = ZoneInfo("Asia/Shanghai")
TRAF_MODES = "245"  # 2 waterway, 4 road, 5 air: the modes with a conveyance manifest
UNDECLARED_MONTHS = 3  # 海关法 第30条: goods undeclared three months after arrival are taken for disposal


def _local(day: date, hour: int = 0, minute: float = 0) -> datetime:
    return datetime.combine(day, time(hour, 0), TZ) + timedelta(minutes=minute)


def import_manifest_id(customs: str, arrival_day: date, traf: str, vessel: int) -> str:
    return f"MI{customs}{arrival_day:%Y%m%d}{traf}{vessel:02d}"


def export_manifest_id(customs: str, departure_day: date, traf: str, vessel: int) -> str:
    return f"ME{customs}{departure_day:%Y%m%d}{traf}{vessel:02d}"


@dataclass(frozen=True)
class ImportManifest:
    manifest_id: str
    customs: str
    traf: str
    loading_ts: datetime
    first_port_eta: datetime
    arrival_ts: datetime
    created_ts: datetime
    conveyance_id: str
    voyage_no: str
    container: bool | None
    transmitter: str

    def row(self, arrived: bool = True) -> dict:
        """The arrival version, or (arrived=False) the version transmitted before the conveyance came in."""
        return {
            "manifest_id": self.manifest_id,
            "ie_flag": "I",
            "traf_mode": self.traf,
            "conveyance_id": self.conveyance_id,
            "is_container_vessel": self.container,
            "voyage_no": self.voyage_no,
            "customs_code": self.customs,
            "transmitter_code": self.transmitter,
            "loading_ts": self.loading_ts,
            "first_port_eta": self.first_port_eta,
            "arrival_ts": self.arrival_ts if arrived else None,
            "departure_ts": None,
            "last_update_ts": self.arrival_ts if arrived else self.created_ts,
        }


@dataclass(frozen=True)
class ExportManifest:
    manifest_id: str
    customs: str
    traf: str
    loading_ts: datetime
    departure_ts: datetime
    created_ts: datetime
    conveyance_id: str
    voyage_no: str
    container: bool | None
    transmitter: str

    def row(self, as_of: date) -> dict:
        """The version known at the end of `as_of`: departure filled in once the conveyance has left."""
        departed = self.departure_ts.date() <= as_of
        return {
            "manifest_id": self.manifest_id,
            "ie_flag": "E",
            "traf_mode": self.traf,
            "conveyance_id": self.conveyance_id,
            "is_container_vessel": self.container,
            "voyage_no": self.voyage_no,
            "customs_code": self.customs,
            "transmitter_code": self.transmitter,
            "loading_ts": self.loading_ts,
            "first_port_eta": None,
            "arrival_ts": None,
            "departure_ts": self.departure_ts if departed else None,
            "last_update_ts": self.departure_ts if departed else self.created_ts,
        }


def _conveyance(rng: random.Random, traf: str) -> tuple[str, str, bool | None]:
    if traf == "2":
        vessel, voyage = f"UN{rng.randint(9_100_000, 9_899_999)}", f"{rng.randint(100, 999)}{rng.choice('EWNS')}"
        return vessel, voyage, rng.random() < 0.9
    if traf == "5":
        return f"B-{rng.randint(1000, 9999)}", f"CA{rng.randint(100, 9999)}", None
    return f"粤Z{rng.randint(10000, 99999)}港", f"R{rng.randint(1000, 9999)}", None


def import_manifest(seed: int, customs: str, arrival_day: date, traf: str, vessel: int, transmitters: list[str]):
    manifest_id = import_manifest_id(customs, arrival_day, traf, vessel)
    rng = random.Random(f"manifest-{seed}-{manifest_id}")
    arrival = _local(arrival_day, 0, rng.uniform(30, 450))  # before the first declaration of the day (08:30)
    if traf == "2":
        loading = arrival - timedelta(days=rng.uniform(3, 12))
    elif traf == "5":
        loading = arrival - timedelta(hours=rng.uniform(3, 14))
    else:
        loading = arrival - timedelta(hours=rng.uniform(2, 10))
    conveyance, voyage, container = _conveyance(rng, traf)
    return ImportManifest(
        manifest_id=manifest_id,
        customs=customs,
        traf=traf,
        loading_ts=loading,
        first_port_eta=arrival - timedelta(hours=rng.uniform(1, 4)),
        arrival_ts=arrival,
        created_ts=loading - timedelta(hours=rng.uniform(50, 60)),  # main data of its bills precede it
        conveyance_id=conveyance,
        voyage_no=voyage,
        container=container,
        transmitter=rng.choice(transmitters),
    )


def export_manifest(seed: int, customs: str, departure_day: date, traf: str, vessel: int, transmitters: list[str]):
    manifest_id = export_manifest_id(customs, departure_day, traf, vessel)
    rng = random.Random(f"manifest-{seed}-{manifest_id}")
    loading = _local(departure_day, 15, rng.uniform(0, 60))  # >= 24 h after any declaration made for it
    conveyance, voyage, container = _conveyance(rng, traf)
    return ExportManifest(
        manifest_id=manifest_id,
        customs=customs,
        traf=traf,
        loading_ts=loading,
        departure_ts=loading + timedelta(hours=rng.uniform(4, 7)),
        created_ts=_local(departure_day - timedelta(days=3), 9, rng.uniform(0, 120)),
        conveyance_id=conveyance,
        voyage_no=voyage,
        container=container,
        transmitter=rng.choice(transmitters),
    )


def import_bill(
    rng: random.Random,
    m: ImportManifest,
    bill_no: str,
    consignee: str,
    pack_no: int,
    gross_wt: Decimal,
    goods: str,
    status: str,
    released_ts: datetime | None,
    gate_out_ts: datetime | None,
    last_update_ts: datetime,
) -> dict:
    main = m.loading_ts - timedelta(hours=rng.uniform(26, 48))
    return {
        "manifest_id": m.manifest_id,
        "bill_no": bill_no,
        "consignee_name": consignee,
        "pack_no": pack_no,
        "gross_wt": gross_wt,
        "goods_desc": goods,
        "main_data_ts": main,
        "other_data_ts": main + timedelta(hours=2),
        "tally_ts": m.arrival_ts + timedelta(minutes=rng.uniform(30, 90)),
        "tally_pack_no": pack_no,
        "tally_gross_wt": gross_wt,
        "arrival_report_ts": None,
        "gate_out_ts": gate_out_ts,
        "status": status,
        "disposed_ts": None,
        "modify_count": 0,
        "last_update_ts": max(x for x in (last_update_ts, released_ts, gate_out_ts) if x is not None),
    }


def export_bill(
    rng: random.Random,
    m: ExportManifest,
    bill_no: str,
    consignee: str,
    pack_no: int,
    gross_wt: Decimal,
    goods: str,
    declare_ts: datetime,
    released_ts: datetime | None,
) -> dict:
    main = declare_ts - timedelta(minutes=rng.uniform(90, 180))
    return {
        "manifest_id": m.manifest_id,
        "bill_no": bill_no,
        "consignee_name": consignee,
        "pack_no": pack_no,
        "gross_wt": gross_wt,
        "goods_desc": goods,
        "main_data_ts": main,
        "other_data_ts": main + timedelta(minutes=30),
        "tally_ts": None,
        "tally_pack_no": None,
        "tally_gross_wt": None,
        "arrival_report_ts": declare_ts - timedelta(minutes=rng.uniform(10, 60)),  # goods in the yard first
        "gate_out_ts": None,
        "status": "RELEASED" if released_ts else "DECLARED",
        "disposed_ts": None,
        "modify_count": 0,
        "last_update_ts": released_ts or declare_ts,
    }


def benign_change(rng: random.Random, bill: dict, m: ImportManifest, entry_id: str) -> dict:
    """A consignee-name correction approved on arrival, before any declaration: no check looks twice at it."""
    bill["modify_count"] = 1
    approve = m.arrival_ts + timedelta(minutes=rng.uniform(20, 60))
    return {
        "change_id": int(entry_id),
        "manifest_id": m.manifest_id,
        "bill_no": bill["bill_no"],
        "change_type": "MODIFY",
        "field_name": "consignee_name",
        "old_value": bill["consignee_name"] + "(原)",
        "new_value": bill["consignee_name"],
        "apply_ts": approve - timedelta(minutes=rng.uniform(30, 90)),
        "approve_officer_id": None,
        "approve_ts": approve,
        "penalty_case_id": None,
    }


def direct_transit(
    rng: random.Random,
    entry_id: str,
    bill_no: str,
    m: ImportManifest,
    dest_customs: str,
    confirm_officer: str,
    min_arrival_hours: float,
) -> dict:
    """A DIRECT (直转) import transit from the port of entry to the declaring customs, sealed and written off."""
    declare = m.arrival_ts + timedelta(hours=rng.uniform(2, 5))
    handover = declare + timedelta(hours=rng.uniform(1, 3))
    arrival = handover + timedelta(hours=rng.uniform(min_arrival_hours, min_arrival_hours + 10))
    write_off = arrival + timedelta(hours=rng.uniform(1, 3))
    seal = f"GS{rng.randint(10_000_000, 99_999_999)}"
    return {
        "transit_no": f"TR{entry_id}",
        "ie_flag": "I",
        "transit_mode": "DIRECT",
        "entry_id": entry_id,
        "bill_no": bill_no,
        "start_customs_code": m.customs,
        "dest_customs_code": dest_customs,
        "declare_ts": declare,
        "handover_ts": handover,
        "seal_no_depart": seal,
        "seal_no_arrive": seal,
        "time_limit_ts": handover + timedelta(days=3),
        "arrival_ts": arrival,
        "arrival_customs_code": dest_customs,
        "arrival_confirm_officer_id": confirm_officer,
        "write_off_ts": write_off,
        "status": "WRITTEN_OFF",
        "last_update_ts": write_off,
    }


@dataclass
class DayManifests:
    """The manifests one business day delivers: those its rows refer to, plus those that changed on the day."""

    day: date
    rows: dict[str, dict] = field(default_factory=dict)

    def add(self, row: dict) -> None:
        self.rows.setdefault(row["manifest_id"], row)

    def flush(self, out: Emit) -> None:
        for manifest_id in sorted(self.rows):
            out.write("manifest", self.rows[manifest_id])


def vessels_per_day(declarations_per_day: int, customs_count: int) -> int:
    return max(1, declarations_per_day // max(1, customs_count) // 100)


def changed_on(seed: int, customs_codes: list[str], day: date, vessels: int, transmitters: dict[str, list[str]]):
    """Manifest versions that change on `day`: export plans made, exports departed, import data in, arrivals."""
    for customs in customs_codes:
        senders = transmitters[customs]
        for traf in TRAF_MODES:
            for vessel in range(vessels):
                for offset in (0, 3):  # departed today / voyage planned today (departure in three days)
                    m = export_manifest(seed, customs, day + timedelta(days=offset), traf, vessel, senders)
                    yield m.row(day)
                for ahead in range(0, 16):
                    m = import_manifest(seed, customs, day + timedelta(days=ahead), traf, vessel, senders)
                    if ahead == 0:
                        yield m.row(arrived=True)
                    elif m.created_ts.date() == day:
                        yield m.row(arrived=False)


# --- the day's own manifest-layer objects -------------------------------------------------------------------


def _months_before(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _undeclared_bills(ctx: DayContext, target: date) -> list[tuple[ImportManifest, dict]]:
    """The AP-CLR-014 bills planned for `target`: arrived more than three months before it, never declared."""
    org, seed = ctx.org, ctx.seed
    customs_codes = sorted({s.subordinate_code for s in org.sections})
    district_of = {s.subordinate_code: s.district_code for s in org.sections}
    n = max(1, ctx.preset.scenarios_per_day // 2)
    rng = random.Random(f"undeclared-{seed}-{target.isoformat()}")
    out = []
    for j in range(n):
        customs = customs_codes[j % len(customs_codes)]
        district = district_of[customs]
        senders = [e["enterprise_code"] for e in org.enterprises if e["registered_customs_code"] == district]
        arrival_day = _months_before(target, UNDECLARED_MONTHS) - timedelta(days=rng.randint(1, 6))
        m = import_manifest(seed, customs, arrival_day, rng.choice(TRAF_MODES), 0, senders)
        pack = rng.randint(5, 300)
        bill = import_bill(
            rng,
            m,
            f"BLU{target:%Y%m%d}{customs}{j:04d}",
            "待报关收货人",
            pack,
            Decimal(rng.randint(200, 20000)),
            "杂货",
            "ACTIVE",
            None,
            None,
            m.arrival_ts + timedelta(hours=2),
        )
        out.append((m, bill))
    return out


def generate(ctx: DayContext, out: Emit) -> None:
    """AP-CLR-014 scenarios for the day, and the disposal of yesterday's (taken over after the prompt)."""
    day = ctx.biz_date
    manifests: dict[str, dict] = {}
    for m, bill in _undeclared_bills(ctx, day):
        manifests.setdefault(m.manifest_id, m.row())
        out.write("manifest_bill", bill)
        out.label(
            "AP-CLR-014",
            "MANIFEST_BILL",
            f"{bill['manifest_id']}/{bill['bill_no']}",
            None,
            "import bill undeclared for more than three months, not taken for disposal",
        )
    rng = random.Random(f"disposal-{ctx.seed}-{day.isoformat()}")
    for m, bill in _undeclared_bills(ctx, day - timedelta(days=1)):
        manifests.setdefault(m.manifest_id, m.row())
        disposed = _local(day, 9, rng.uniform(30, 240))
        out.write("manifest_bill", {**bill, "disposed_ts": disposed, "last_update_ts": disposed})
    for manifest_id in sorted(manifests):
        out.write("manifest", manifests[manifest_id])
