"""Processing trade (加工贸易): manuals through their life, the PT declarations, transfers and the AP-PT scenarios.

The clean world is a deterministic stream of manuals per subordinate customs, each derived from the seed and its own
number alone (`random.Random(f"pt-manual-{seed}-{sub}-{n}")`), so every day agrees on every manual: its items, BOM,
extension, declarations (imports, exports, domestic sales, scrap sales, returns), report and verification. A day
delivers what changed on it and re-delivers, unchanged, what its checks need: every manual still executing or reported
(with its items, BOM and open verification), and the earlier declarations of a manual that closes, sells scrap or
takes a return that day.

The bad cases are built per day on their own manuals (numbered `<kind><sub>9<day><slot>`), each the smallest setup
that shows one rule broken and keeps every other check silent; the few that must be tidied up afterwards (an overdue
manual, an overdue or late-changed verification) are verified on the next day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from customs_risk.generator.clearance import declared_conflicts
from customs_risk.generator.context import DayContext

TZ = ZoneInfo("Asia/Shanghai")
EPOCH = date(2024, 1, 1)  # the manual stream starts here; a day sees the manuals approved in the MAX_SPAN before it
MAX_SPAN = 480  # days from approval to verification at most (330 valid + 90 extension + 25 report + 3 + 22 close)
CNY_PER_USD = Decimal("7.10")
RATE = Decimal("0.06")  # duty rate on domestic sales of bonded materials
VAT = Decimal("0.13")
MAX_SCENARIOS = 12  # per check and day: the slot numbering of scenario manuals and entries allows no more
SEQ_PLAN, SEQ_SCENARIO, SEQ_HISTORY = 600_000, 690_000, 699_000
COUNTRIES = ["JPN", "KOR", "USA", "DEU", "VNM", "MYS", "THA"]
RESTRICTED_CODES = ["5205110000", "4104111000"]  # 加工贸易限制类 lines (cotton yarn, bovine leather)

# trade modes and levy kind per manual kind: C 进料加工, B 来料加工
MODES = {
    "C": {
        "IMPORT": "0615",
        "EXPORT": "0615",
        "DOMESTIC": "0644",
        "SCRAP": "0844",
        "RETURN": "4600",
        "TRANSFER_IN": "0654",
        "TRANSFER_OUT": "0654",
        "LEFTOVER_IN": "0657",
    },
    "B": {
        "IMPORT": "0214",
        "EXPORT": "0214",
        "DOMESTIC": "0245",
        "SCRAP": "0845",
        "RETURN": "4400",
        "TRANSFER_IN": "0255",
        "TRANSFER_OUT": "0255",
        "LEFTOVER_IN": "0258",
    },
}
CUT_MODE = {"C": "503", "B": "502"}
EXPORT_KINDS = {"EXPORT", "TRANSFER_OUT"}
DUTIABLE_KINDS = {"DOMESTIC", "SCRAP"}
DOMESTIC_KINDS = {"DOMESTIC", "SCRAP", "TRANSFER_IN", "TRANSFER_OUT", "LEFTOVER_IN"}  # no border crossing


@dataclass(frozen=True)
class Material:
    code: str
    name: str
    usd_per_kg: Decimal
    cm: Decimal  # norm net consumption (kg per unit of the first product)
    dm: Decimal  # norm wastage, percent


@dataclass(frozen=True)
class Family:
    products: tuple[tuple[str, str, str], ...]  # code, name, unit
    materials: tuple[Material, ...]


def _m(code: str, name: str, usd: str, cm: str, dm: str) -> Material:
    return Material(code, name, Decimal(usd), Decimal(cm), Decimal(dm))


# Product families: concurrent manuals of one enterprise never share a family (MA-PT-013), and every family's
# product-material pairs have a national norm (pt_consumption_norm).
FAMILIES = [
    Family(
        (("6204620000", "女式棉制长裤", "015"), ("6203420000", "男式棉制长裤", "015")),
        (
            _m("5208320000", "染色平纹棉机织物", "6.50", "0.550", "6"),
            _m("5401101000", "合成纤维缝纫线", "9.00", "0.020", "4"),
            _m("9606220000", "贱金属制纽扣", "12.00", "0.010", "2"),
        ),
    ),
    Family(
        (("6404199000", "纺织面运动鞋", "025"), ("6402991900", "橡胶底塑料面鞋", "025")),
        (
            _m("4107120000", "整张牛皮革", "18.00", "0.300", "8"),
            _m("6406100000", "鞋面及其零件", "7.00", "0.200", "3"),
            _m("3920109000", "塑料板片", "2.20", "0.150", "5"),
        ),
    ),
    Family(
        (("8516500000", "微波炉", "001"),),
        (
            _m("7209150000", "冷轧钢板", "0.90", "9.500", "4"),
            _m("8504409000", "开关电源", "25.00", "0.300", "1"),
            _m("3907300000", "环氧树脂", "3.10", "0.400", "3"),
        ),
    ),
    Family(
        (("8528721100", "彩色液晶电视机", "001"),),
        (
            _m("8534009000", "印刷电路板", "40.00", "0.350", "2"),
            _m("3907400000", "聚碳酸酯", "3.40", "1.800", "4"),
            _m("7326909000", "钢铁支架", "2.60", "1.200", "3"),
        ),
    ),
    Family(
        (("9503008900", "塑料玩具", "007"), ("9503002100", "动物玩偶", "007")),
        (
            _m("3903300000", "ABS树脂", "1.90", "0.250", "5"),
            _m("3904100000", "聚氯乙烯", "1.20", "0.120", "5"),
            _m("4819100000", "瓦楞纸箱", "1.10", "0.080", "2"),
        ),
    ),
    Family(
        (("8507600000", "锂离子蓄电池", "007"),),
        (
            _m("2836910000", "碳酸锂", "14.00", "0.030", "3"),
            _m("7410110000", "精炼铜箔", "11.00", "0.012", "4"),
            _m("7607110000", "铝箔", "4.20", "0.010", "4"),
        ),
    ),
    Family(
        (("9405409000", "LED灯具", "007"), ("9405110000", "吊灯", "007")),
        (
            _m("7606125000", "铝合金板", "3.60", "0.450", "6"),
            _m("8541410000", "发光二极管", "90.00", "0.004", "1"),
            _m("3926909000", "塑料制零件", "4.50", "0.100", "3"),
        ),
    ),
    Family(
        (("6110200000", "棉制针织套头衫", "011"),),
        (
            _m("5205120000", "精梳棉纱", "3.80", "0.420", "7"),
            _m("5509530000", "聚酯短纤混纺纱", "3.20", "0.080", "6"),
            _m("3204160000", "活性染料", "8.00", "0.010", "2"),
        ),
    ),
    Family(
        (("4202220000", "塑料面手提包", "007"),),
        (
            _m("4104190000", "蓝湿牛皮", "9.50", "0.400", "9"),
            _m("5903200000", "聚氨酯涂层织物", "5.00", "0.350", "7"),
            _m("8308100000", "贱金属钩扣", "15.00", "0.030", "2"),
        ),
    ),
    Family(
        (("9401710000", "金属框架软垫座具", "007"),),
        (
            _m("7306610000", "方形钢管", "1.30", "4.500", "5"),
            _m("3909500000", "聚氨酯泡沫原料", "2.80", "1.200", "6"),
            _m("5407520000", "染色聚酯长丝布", "4.80", "1.500", "8"),
        ),
    ),
]


def _norm(family: Family, p: int, m: int) -> tuple[Decimal, Decimal]:
    """The national norm (net consumption, wastage %) of product p and material m of a family."""
    mat = family.materials[m]
    return (mat.cm * (1 + Decimal("0.25") * p)).quantize(Decimal("0.000000001")), mat.dm


def _product_price(family: Family, p: int, materials: range) -> Decimal:
    cost = sum(
        _norm(family, p, m)[0] * (1 + _norm(family, p, m)[1] / 100) * family.materials[m].usd_per_kg for m in materials
    )
    return (cost * Decimal("1.6") + Decimal("0.50")).quantize(Decimal("0.0001"))


def _at(day: date, minutes: float) -> datetime:
    return datetime.combine(day, time(8, 30), TZ) + timedelta(minutes=minutes)


def _q(value: Decimal | float, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places))


# --------------------------------------------------------------------------------------------------------------------
# the objects of the processing-trade world


@dataclass
class Item:
    item_type: str  # IMG 料件 / EXG 成品
    seq: int
    code_ts: str
    g_name: str
    unit: str
    qty: Decimal
    unit_price: Decimal  # USD


@dataclass
class Bom:
    exg_seq: int
    img_seq: int
    cm: Decimal
    dm: Decimal
    version: int
    declared_ts: datetime
    effective_ts: datetime


@dataclass
class Line:
    """One goods item of a declaration, registered (or not) against a manual item."""

    seq: int | None
    code_ts: str
    g_name: str
    unit: str
    qty: Decimal
    usd_price: Decimal


@dataclass
class Change:
    change_id: int
    manual_no: str
    change_type: str
    apply_ts: datetime
    approve_ts: datetime
    approve_officer_id: str | None
    old_value: str | None = None
    new_value: str | None = None
    exg_seq: int | None = None

    def row(self) -> dict:
        return {
            "change_id": self.change_id,
            "manual_no": self.manual_no,
            "change_type": self.change_type,
            "apply_ts": self.apply_ts,
            "approve_officer_id": self.approve_officer_id,
            "approve_ts": self.approve_ts,
            "old_value": self.old_value,
            "new_value": self.new_value,
            "exg_seq": self.exg_seq,
        }


@dataclass
class Verification:
    verif_id: str
    manual_no: str
    report_ts: datetime
    accept_ts: datetime | None
    officer_id: str | None
    close_ts: datetime | None
    result: str | None
    import_value_usd: Decimal
    computed_remaining: Decimal
    reported_remaining: Decimal
    shortage: Decimal | None = None
    tax_collected: Decimal | None = None
    extension_approved: bool = False
    onsite: bool = True

    def row_as_of(self, day: date) -> dict | None:
        if self.report_ts.date() > day:
            return None
        accepted = self.accept_ts is not None and self.accept_ts.date() <= day
        closed = accepted and self.close_ts is not None and self.close_ts.date() <= day
        last = self.close_ts if closed else self.accept_ts if accepted else self.report_ts
        return {
            "verif_id": self.verif_id,
            "manual_no": self.manual_no,
            "report_ts": self.report_ts,
            "accept_ts": self.accept_ts if accepted else None,
            "officer_id": self.officer_id if accepted else None,
            "extension_approved": self.extension_approved,
            "onsite_check": self.onsite,
            "close_ts": self.close_ts if closed else None,
            "result": self.result if closed else None,
            "import_value_usd": self.import_value_usd,
            "reported_remaining_value_usd": self.reported_remaining,
            "computed_remaining_value_usd": self.computed_remaining if closed else None,
            "shortage_value_usd": self.shortage if closed else None,
            "tax_collected_cny": self.tax_collected if closed else None,
            "case_transferred": False,
            "last_update_ts": last,
        }


@dataclass
class Entry:
    entry_id: str
    kind: str  # IMPORT EXPORT DOMESTIC SCRAP RETURN TRANSFER_IN TRANSFER_OUT LEFTOVER_IN
    trade_mode: str
    cut_mode: str
    sub: str
    manual_no: str | None
    trade_co: str
    declare_ts: datetime
    lines: list[Line]
    country: str = "JPN"
    related_manual_no: str | None = None
    related_entry_id: str | None = None
    manual_review: bool = True
    domestic_doc: bool = True  # 内销征税联系单 attached to a domestic sale
    interest_bill: bool = True  # 缓税利息 levied on a domestic sale
    workflow: dict | None = None  # filled by _plan_workflow

    @property
    def ie_flag(self) -> str:
        return "E" if self.kind in EXPORT_KINDS else "I"


@dataclass
class Manual:
    manual_no: str
    kind: str
    sub: str
    trade_co: str
    apply_ts: datetime
    approve_ts: datetime
    approve_officer_id: str | None
    valid_until: date
    import_limit: Decimal
    export_limit: Decimal
    deposit_mode: str
    deposit_amount: Decimal | None
    items: list[Item]
    boms: list[Bom]
    statuses: list[tuple[datetime, str]] = field(default_factory=list)  # after approval
    changes: list[Change] = field(default_factory=list)
    item_updates: list[tuple[datetime, str, int, Decimal]] = field(default_factory=list)  # ts, type, seq, new qty
    verification: Verification | None = None
    entries: list[Entry] = field(default_factory=list)
    deposit_released_ts: datetime | None = None

    def status_as_of(self, day: date) -> str:
        status = "EXECUTING"
        for ts, s in self.statuses:
            if ts.date() <= day:
                status = s
        return status

    def is_active(self, day: date) -> bool:
        """Approved by the day and still executing or reported, or changed on the day."""
        if self.approve_ts.date() > day:
            return False
        return self.status_as_of(day) in ("EXECUTING", "REPORTED") or self.last_update_as_of(day).date() == day

    def last_update_as_of(self, day: date) -> datetime:
        stamps = [self.approve_ts]
        stamps += [c.approve_ts for c in self.changes if c.change_type == "EXTEND" and c.approve_ts.date() <= day]
        stamps += [ts for ts, _ in self.statuses if ts.date() <= day]
        if self.deposit_released_ts and self.deposit_released_ts.date() <= day:
            stamps.append(self.deposit_released_ts)
        return max(stamps)

    def valid_until_as_of(self, day: date) -> date:
        valid = self.valid_until
        for c in sorted(self.changes, key=lambda c: c.approve_ts):
            if c.change_type == "EXTEND" and c.approve_ts.date() <= day and c.new_value:
                valid = date.fromisoformat(c.new_value)
        return valid

    def row_as_of(self, day: date) -> dict:
        released = (
            self.deposit_released_ts if self.deposit_released_ts and self.deposit_released_ts.date() <= day else None
        )
        return {
            "manual_no": self.manual_no,
            "manual_kind": self.kind,
            "trade_co": self.trade_co,
            "process_co": self.trade_co,
            "process_co_customs_code": self.sub,
            "master_customs_code": self.sub,
            "apply_ts": self.apply_ts,
            "approve_ts": self.approve_ts,
            "approve_officer_id": self.approve_officer_id,
            "valid_until": self.valid_until_as_of(day),
            "import_value_limit_usd": self.import_limit,
            "export_value_limit_usd": self.export_limit,
            "deposit_mode": self.deposit_mode,
            "deposit_amount_cny": self.deposit_amount,
            "deposit_released_ts": released,
            "cross_district_approved": False,
            "status": self.status_as_of(day),
            "last_update_ts": self.last_update_as_of(day),
        }

    def item_rows_as_of(self, day: date) -> list[dict]:
        rows = []
        for it in self.items:
            qty, last = it.qty, self.approve_ts
            for ts, item_type, seq, new_qty in self.item_updates:
                if ts.date() <= day and (item_type, seq) == (it.item_type, it.seq):
                    qty, last = new_qty, ts
            rows.append(
                {
                    "manual_no": self.manual_no,
                    "item_type": it.item_type,
                    "item_seq": it.seq,
                    "code_ts": it.code_ts,
                    "g_name": it.g_name,
                    "unit": it.unit,
                    "qty": qty,
                    "unit_price": it.unit_price,
                    "curr": "USD",
                    "last_update_ts": last,
                }
            )
        return rows

    def bom_rows_as_of(self, day: date) -> list[dict]:
        return [
            {
                "manual_no": self.manual_no,
                "exg_seq": b.exg_seq,
                "img_seq": b.img_seq,
                "dec_cm": b.cm,
                "dec_dm": b.dm,
                "version": b.version,
                "declared_ts": b.declared_ts,
                "effective_ts": b.effective_ts,
                "last_update_ts": b.effective_ts,
            }
            for b in self.boms
            if b.effective_ts.date() <= day
        ]

    def item(self, item_type: str, seq: int) -> Item:
        return next(i for i in self.items if i.item_type == item_type and i.seq == seq)


@dataclass
class Transfer:
    transfer_id: str
    out_manual: Manual
    in_manual: Manual
    code_ts: str
    plan_approve_ts: datetime
    in_register_ts: datetime
    ship_ts: datetime
    ship_qty: Decimal
    in_entry: Entry | None = None
    out_entry: Entry | None = None

    def row(self) -> dict:
        stamps = [self.plan_approve_ts, self.in_register_ts, self.ship_ts]
        stamps += [e.declare_ts for e in (self.in_entry, self.out_entry) if e]
        return {
            "transfer_id": self.transfer_id,
            "out_manual_no": self.out_manual.manual_no,
            "in_manual_no": self.in_manual.manual_no,
            "out_co": self.out_manual.trade_co,
            "in_co": self.in_manual.trade_co,
            "out_customs_code": self.out_manual.sub,
            "in_customs_code": self.in_manual.sub,
            "code_ts": self.code_ts,
            "plan_approve_ts": self.plan_approve_ts,
            "in_register_ts": self.in_register_ts,
            "ship_ts": self.ship_ts,
            "ship_qty": self.ship_qty,
            "in_entry_id": self.in_entry.entry_id if self.in_entry else None,
            "in_declare_ts": self.in_entry.declare_ts if self.in_entry else None,
            "in_qty": sum(ln.qty for ln in self.in_entry.lines) if self.in_entry else None,
            "out_entry_id": self.out_entry.entry_id if self.out_entry else None,
            "out_declare_ts": self.out_entry.declare_ts if self.out_entry else None,
            "out_qty": sum(ln.qty for ln in self.out_entry.lines) if self.out_entry else None,
            "last_update_ts": max(stamps),
        }


@dataclass
class Batch:
    """What one builder contributes to a day: manuals to deliver as of the day, declarations made that day (with their
    workflow), earlier declarations to re-deliver, and transfers."""

    manuals: list[Manual] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    history: list[Entry] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------------------------
# the world: enterprises, officers, the manual stream


class World:
    def __init__(self, ctx: DayContext):
        self.ctx, self.org, self.seed = ctx, ctx.org, ctx.seed
        self.subs = sorted({s.subordinate_code for s in ctx.org.sections})
        self.district_of = {s.subordinate_code: s.district_code for s in ctx.org.sections}
        self.clean_pool: dict[str, list[dict]] = {}
        self.scenario_pool: dict[str, list[dict]] = {}
        self.dishonest_pool: dict[str, list[dict]] = {}
        for district in sorted(set(self.district_of.values())):
            eligible = [
                e
                for e in ctx.org.enterprises
                if e["registered_customs_code"] == district
                and e["enterprise_kind"] in ("trader", "both", "processing")
                and e["status"] == "active"
            ]
            honest = [e for e in eligible if e["credit_class"] != "DISHONEST"]
            self.scenario_pool[district] = honest[4::5]
            self.clean_pool[district] = [e for i, e in enumerate(honest) if i % 5 != 4]
            self.dishonest_pool[district] = [e for e in eligible if e["credit_class"] == "DISHONEST"]
        subs_per_district = {d: [s for s in self.subs if self.district_of[s] == d] for d in self.clean_pool}
        # each subordinate customs files manuals for its own share of the district's enterprises
        self.sub_pool = {
            s: [e for i, e in enumerate(self.clean_pool[d]) if i % len(subs) == subs.index(s)]
            for d, subs in subs_per_district.items()
            for s in subs
        }
        # new manuals per subordinate customs and day (about 0.4 a day for the ci preset's district)
        self.rate = max(0.02, ctx.preset.declarations_per_day / 750 / len(self.subs))
        self.enterprise = {e["enterprise_code"]: e for e in ctx.org.enterprises}
        # officers who declared an interest in an enterprise never handle its declarations (AP-CLR-020 stays silent)
        self.conflicts = {(c["officer_id"], c["enterprise_code"]) for c in declared_conflicts(ctx.org, ctx.seed)}

    def handler(self, rng: random.Random, section, post: str, enterprise: str) -> str:
        return rng.choice(
            [o.officer_id for o in section.officers[post] if (o.officer_id, enterprise) not in self.conflicts]
        )

    def officer(self, rng: random.Random, sub: str, post: str) -> str:
        section = self.org.section_for(sub, "", post)
        return rng.choice(section.officers[post]).officer_id

    def section(self, sub: str, post: str):
        return self.org.section_for(sub, "", post)


def _entry_id(sub: str, day: date, ie: str, seq: int) -> str:
    return f"{sub}{day.year}{'1' if ie == 'I' else '0'}{day.timetuple().tm_yday:03d}{seq:06d}"


def _line(item: Item, qty: Decimal, rng: random.Random) -> Line:
    price = (item.unit_price * Decimal(str(rng.uniform(0.98, 1.02)))).quantize(Decimal("0.0001"))
    return Line(item.seq, item.code_ts, item.g_name, item.unit, qty, price)


# --------------------------------------------------------------------------------------------------------------------
# the clean manual stream


def _approve_day(world: World, sub: str, n: int) -> date:
    phase = world.subs.index(sub) / len(world.subs)
    return EPOCH + timedelta(days=int((n + phase) / world.rate))


def _plan_manuals(world: World, day: date) -> list[Manual]:
    """Every manual of the stream active on the day (approved, not yet verified, or changed that day)."""
    out = []
    for sub in world.subs:
        if not world.sub_pool.get(sub):
            continue
        phase = world.subs.index(sub) / len(world.subs)
        lo = max(0, int((day - EPOCH).days * world.rate - phase - MAX_SPAN * world.rate) - 1)
        hi = int(((day - EPOCH).days + 1) * world.rate - phase) + 1
        for n in range(lo, hi + 1):
            approved = _approve_day(world, sub, n)
            if day - timedelta(days=MAX_SPAN) <= approved <= day and (m := _plan_manual(world, sub, n, approved, day)):
                out.append(m)
    return out


def _plan_manual(world: World, sub: str, n: int, approved: date, day: date) -> Manual | None:
    rng = random.Random(f"pt-manual-{world.seed}-{sub}-{n}")
    pool = world.sub_pool[sub]
    company = pool[n % len(pool)]
    family = FAMILIES[(n // len(pool)) % len(FAMILIES)]
    kind = "C" if rng.random() < 0.75 else "B"
    manual_no = f"{kind}{sub}{approved.year % 100:02d}{n % 90_000:05d}"
    apply_ts = _at(approved, rng.uniform(0, 90))
    approve_ts = apply_ts + timedelta(minutes=rng.uniform(60, 240))
    approver = world.officer(rng, sub, "PT_FILING")
    life = rng.randint(180, 330)
    valid0 = approved + timedelta(days=life)
    products = range(len(family.products) if rng.random() < 0.6 else 1)
    materials = range(3 if rng.random() < 0.6 else 2)
    # BOM v1 within the norms
    boms = []
    for p in products:
        for m in materials:
            norm_cm, norm_dm = _norm(family, p, m)
            boms.append(
                Bom(
                    p + 1,
                    m + 1,
                    _q(norm_cm * Decimal(str(rng.uniform(0.90, 1.0))), "0.000000001"),
                    _q(norm_dm * Decimal(str(rng.uniform(0.70, 0.95))), "0.00001"),
                    1,
                    apply_ts,
                    approve_ts,
                )
            )
    output = {p: Decimal(rng.randint(20, 200) * 100) for p in products}
    need = {
        m: sum(output[b.exg_seq - 1] * b.cm * (1 + b.dm / 100) for b in boms if b.img_seq == m + 1) for m in materials
    }
    domestic = _q(need[0] * Decimal("0.02"), "1") if rng.random() < 0.25 else Decimal(0)
    imported = {
        m: _q(need[m] * Decimal(str(rng.uniform(1.004, 1.015))) + (domestic if m == 0 else 0), "1") for m in materials
    }
    prices = {p: _product_price(family, p, materials) for p in products}
    items = [
        Item("IMG", m + 1, mat.code, mat.name, "035", imported[m] * Decimal("1.5"), mat.usd_per_kg)
        for m, mat in enumerate(family.materials)
        if m in materials
    ] + [
        Item("EXG", p + 1, code, name, unit, output[p] * Decimal("1.3"), prices[p])
        for p, (code, name, unit) in enumerate(family.products)
        if p in products
    ]
    import_usd = sum(imported[m] * family.materials[m].usd_per_kg for m in materials)
    export_usd = sum(output[p] * prices[p] for p in products)
    credit = world.enterprise[company["enterprise_code"]]["credit_class"]
    deposit = {"ADV_CERT": "EXEMPT", "GEN_CERT": "EMPTY"}.get(credit, "REAL" if rng.random() < 0.4 else "EMPTY")
    manual = Manual(
        manual_no=manual_no,
        kind=kind,
        sub=sub,
        trade_co=company["enterprise_code"],
        apply_ts=apply_ts,
        approve_ts=approve_ts,
        approve_officer_id=approver,
        valid_until=valid0,
        import_limit=_q(import_usd * Decimal(str(rng.uniform(1.3, 1.5))), "1"),
        export_limit=_q(export_usd * Decimal(str(rng.uniform(1.1, 1.3))), "1"),
        deposit_mode=deposit,
        deposit_amount=_q(import_usd * CNY_PER_USD * Decimal("0.17"), "1") if deposit == "REAL" else None,
        items=items,
        boms=boms,
    )
    ids = iter(range(1, 10))

    def change_id() -> int:
        return 1_000_000_000_000 + int(sub) * 100_000_000 + n * 10 + next(ids)

    # one BOM change in the first week, long before the first export (AP-PT-002, -020 stay silent)
    if rng.random() < 0.15:
        c_apply = _at(approved + timedelta(days=rng.randint(3, 8)), rng.uniform(0, 200))
        c_approve = c_apply + timedelta(minutes=rng.uniform(60, 240))
        manual.changes.append(
            Change(
                change_id(), manual_no, "BOM", c_apply, c_approve, world.officer(rng, sub, "PT_FILING"), "v1", "v2", 1
            )
        )
        for b in [b for b in boms if b.exg_seq == 1]:
            manual.boms.append(
                Bom(
                    1,
                    b.img_seq,
                    _q(b.cm * Decimal(str(rng.uniform(0.97, 1.0))), "0.000000001"),
                    _q(b.dm * Decimal(str(rng.uniform(0.95, 1.05))), "0.00001"),
                    2,
                    c_apply,
                    c_approve,
                )
            )
    # one extension at most, by 60-90 days, applied for before expiry (AP-PT-003 stays silent)
    valid = valid0
    if rng.random() < 0.25:
        e_apply = _at(valid0 - timedelta(days=rng.randint(20, 30)), rng.uniform(0, 300))
        e_approve = _at(e_apply.date() + timedelta(days=1), rng.uniform(0, 400))
        valid = valid0 + timedelta(days=rng.randint(60, 90))
        manual.changes.append(
            Change(
                change_id(),
                manual_no,
                "EXTEND",
                e_apply,
                e_approve,
                world.officer(rng, sub, "PT_FILING"),
                valid0.isoformat(),
                valid.isoformat(),
            )
        )
    # report within 30 days of expiry, verification within 30 days of acceptance (AP-PT-023, -024 stay silent)
    report_ts = _at(valid + timedelta(days=rng.randint(3, 22)), rng.uniform(0, 400))
    accept_ts = _at(report_ts.date() + timedelta(days=rng.randint(1, 3)), rng.uniform(0, 400))
    close_ts = _at(accept_ts.date() + timedelta(days=rng.randint(5, 22)), rng.uniform(60, 420))
    remaining_share = Decimal(str(rng.uniform(0.002, 0.02)))
    reported_factor = Decimal(str(rng.uniform(0.995, 1.005)))
    verifier = world.officer(rng, sub, "PT_VERIFY")
    onsite_anyway = rng.random() < 0.5
    manual.statuses = [(report_ts, "REPORTED"), (close_ts, "VERIFIED")]
    if deposit == "REAL":
        manual.deposit_released_ts = close_ts + timedelta(hours=1)
    if not manual.is_active(day):
        return None  # closed before the day: nothing of it is delivered, so its declarations are not needed
    # the declarations draw from their own stream
    entries_rng = random.Random(f"pt-entries-{world.seed}-{sub}-{n}")
    _plan_entries(world, entries_rng, manual, family, n, approved, life, valid, imported, output, domestic, products)
    imported_usd = sum(ln.qty * ln.usd_price for e in manual.entries if e.kind == "IMPORT" for ln in e.lines)
    remaining = _q(imported_usd * remaining_share)
    manual.verification = Verification(
        verif_id=f"V{manual_no}1",
        manual_no=manual_no,
        report_ts=report_ts,
        accept_ts=accept_ts,
        officer_id=verifier,
        close_ts=close_ts,
        result="BALANCED",
        import_value_usd=_q(imported_usd),
        computed_remaining=remaining,
        reported_remaining=_q(remaining * reported_factor),
        onsite=credit != "ADV_CERT" or imported_usd >= 1_000_000 or onsite_anyway,
    )
    return manual


def _plan_entries(world, rng, manual, family, n, approved, life, valid, imported, output, domestic, products) -> None:
    """The manual's declarations: imports in its first half, exports spread to shortly before expiry, and sometimes a
    domestic sale, a scrap sale and a return of finished products."""
    country = rng.choice(COUNTRIES)
    seqs = iter(range(30))
    company = manual.trade_co

    def entry(kind: str, day: date, lines: list[Line], **kw) -> Entry:
        mode = MODES[manual.kind][kind]
        if kind == "IMPORT" and manual.kind == "C" and rng.random() < 0.2:
            mode = "0715"
        e = Entry(
            _entry_id(manual.sub, day, "E" if kind in EXPORT_KINDS else "I", SEQ_PLAN + (n % 3000) * 30 + next(seqs)),
            kind,
            mode,
            CUT_MODE[manual.kind],
            manual.sub,
            manual.manual_no,
            company,
            _at(day, rng.uniform(0, 300)),
            lines,
            country=country,
            manual_review=kind not in ("IMPORT", "EXPORT") or rng.random() < 0.6,
            **kw,
        )
        manual.entries.append(e)
        return e

    def days(k: int, first: int, last: int) -> list[date]:
        last = max(first, last)
        return sorted(approved + timedelta(days=rng.randint(first, last)) for _ in range(k))

    imgs = [i for i in manual.items if i.item_type == "IMG"]
    exgs = [i for i in manual.items if i.item_type == "EXG"]
    n_imp = rng.randint(3, 5)
    weights = [rng.uniform(0.6, 1.4) for _ in range(n_imp)]
    for k, d in enumerate(days(n_imp, 2, life // 2)):
        share = Decimal(str(weights[k] / sum(weights)))
        entry("IMPORT", d, [_line(i, _q(imported[i.seq - 1] * share, "1"), rng) for i in imgs])
    n_exp = rng.randint(4, 7)
    weights = [rng.uniform(0.6, 1.4) for _ in range(n_exp)]
    exports = []
    for k, d in enumerate(days(n_exp, life // 5, (valid - approved).days - 7)):
        share = Decimal(str(weights[k] / sum(weights)))
        exports.append(entry("EXPORT", d, [_line(x, _q(output[x.seq - 1] * share, "1"), rng) for x in exgs]))
    if domestic:
        d = approved + timedelta(days=rng.randint(int(life * 0.55), life - 15))
        entry("DOMESTIC", d, [_line(imgs[0], domestic, rng)])
    if rng.random() < 0.3:
        dm = [b.dm for b in manual.boms if b.img_seq == 1]
        avg_dm = sum(dm) / len(dm)
        scrap = _q(imported[0] * avg_dm / 100 * Decimal("0.4"), "0.01")
        entry("SCRAP", valid - timedelta(days=rng.randint(5, 10)), [_line(imgs[0], scrap, rng)])
    if rng.random() < 0.1 and len(exports) > 1:
        original = exports[0]
        d = original.declare_ts.date() + timedelta(days=rng.randint(7, 20))
        if d < valid - timedelta(days=3):
            back = original.lines[0]
            qty = max(Decimal(1), _q(back.qty * Decimal("0.2"), "1"))
            item = manual.item("EXG", back.seq)
            entry("RETURN", d, [_line(item, qty, rng)], related_entry_id=original.entry_id)


# --------------------------------------------------------------------------------------------------------------------
# a declaration's trail and rows


def _plan_workflow(world: World, e: Entry) -> dict:
    """Steps, officers, taxes and release of an entry: a clean, same-day trail (deterministic per entry)."""
    if e.workflow is not None:
        return e.workflow
    rng = random.Random(f"pt-entry-{world.seed}-{e.entry_id}")
    clearance = world.section(e.sub, "ACCEPT")
    tax_sec = world.section(e.sub, "TAX")
    steps: list[dict] = []

    def step(code, officer, section, start, minutes, result="PASS", manual=True):
        end = start + timedelta(minutes=minutes)
        steps.append(
            {
                "entry_id": e.entry_id,
                "step_seq": len(steps) + 1,
                "step_code": code,
                "officer_id": officer,
                "section_unit_code": section.unit_code if section else None,
                "customs_code": e.sub,
                "queue_entered_ts": start,
                "start_ts": start,
                "end_ts": end,
                "result_code": result,
                "is_manual": manual,
                "remark": None,
            }
        )
        return end

    officers: dict[str, str | None] = {}
    t = step("DECLARE", None, None, e.declare_ts, 0, "DONE", manual=False)
    t = step("E_REVIEW", None, None, t, 1, manual=False)
    if e.manual_review:
        officers["MANUAL_REVIEW"] = world.handler(rng, clearance, "REVIEW", e.trade_co)
        t = step("MANUAL_REVIEW", officers["MANUAL_REVIEW"], clearance, t + timedelta(minutes=5), rng.uniform(5, 40))
    officers["ACCEPT"] = world.handler(rng, clearance, "ACCEPT", e.trade_co)
    t = step("ACCEPT", officers["ACCEPT"], clearance, t + timedelta(minutes=10), rng.uniform(3, 20))
    lines = []
    duty_total = vat_total = Decimal(0)
    for ln in e.lines:
        usd = _q(ln.qty * ln.usd_price)
        cny = _q(usd * CNY_PER_USD)
        duty = _q(cny * RATE) if e.kind in DUTIABLE_KINDS else Decimal(0)
        vat = _q((cny + duty) * VAT) if e.kind in DUTIABLE_KINDS else Decimal(0)
        duty_total, vat_total = duty_total + duty, vat_total + vat
        lines.append((ln, usd, cny, duty, vat))
    bills = []
    if e.kind in DUTIABLE_KINDS:
        officers["TAX"] = world.handler(rng, tax_sec, "TAX", e.trade_co)
        t = step("TAX", officers["TAX"], tax_sec, t, rng.uniform(2, 15))
        paid = t + timedelta(minutes=rng.uniform(10, 90))
        amounts = [("A", duty_total), ("L", vat_total)]
        if e.interest_bill:
            amounts.append(("X", max(Decimal("0.01"), _q((duty_total + vat_total) * Decimal("0.015")))))
        for letter, amount in amounts:
            bills.append((letter, amount, t, paid))
        t = paid
    officers["RELEASE"] = world.handler(rng, clearance, "RELEASE", e.trade_co)
    release_end = step(
        "RELEASE", officers["RELEASE"], clearance, t + timedelta(minutes=rng.uniform(5, 30)), rng.uniform(1, 4)
    )
    e.workflow = {
        "steps": steps,
        "officers": officers,
        "lines": lines,
        "bills": bills,
        "release_end": release_end,
        "arrival_days": rng.randint(0, 5),
        "pack_no": rng.randint(1, 300),
    }
    return e.workflow


def _write_entry(world: World, out, e: Entry, full: bool) -> None:
    """dec_head and dec_item always; on the declaration's own day also its workflow, tax bills and documents."""
    wf = _plan_workflow(world, e)
    release_end = wf["release_end"]
    company = world.enterprise[e.trade_co]
    domestic = e.kind in DOMESTIC_KINDS
    total_cny = sum(cny for _, _, cny, _, _ in wf["lines"])
    net_kg = sum(ln.qty for ln, *_ in wf["lines"] if ln.unit == "035") or Decimal(wf["pack_no"] * 12)
    for g_no, (ln, usd, cny, duty, vat) in enumerate(wf["lines"], start=1):
        out.write(
            "dec_item",
            {
                "entry_id": e.entry_id,
                "g_no": g_no,
                "code_ts": ln.code_ts,
                "ciq_code": "999",
                "g_name": ln.g_name,
                "g_model": "加工贸易",
                "g_qty": ln.qty,
                "g_unit": ln.unit,
                "qty_1": ln.qty,
                "unit_1": ln.unit,
                "decl_price": ln.usd_price,
                "decl_total": usd,
                "trade_curr": "USD",
                "origin_country": "CHN" if e.ie_flag == "E" or e.kind == "TRANSFER_IN" else e.country,
                "dest_country": e.country if e.ie_flag == "E" and not domestic else "CHN",
                "duty_mode": "1" if e.kind in DUTIABLE_KINDS else "3",
                "contr_item": ln.seq,
                "usd_value": usd,
                "cny_value": cny,
                "applied_duty_rate": RATE if e.kind in DUTIABLE_KINDS else None,
                "applied_rate_type": "MFN" if e.kind in DUTIABLE_KINDS else None,
                "duty_amount_cny": duty,
                "vat_amount_cny": vat,
                "consumption_amount_cny": Decimal(0),
                "last_update_ts": release_end,
            },
        )
    out.write(
        "dec_head",
        {
            "entry_id": e.entry_id,
            "pre_entry_id": f"P{e.entry_id[1:]}",
            "ie_flag": e.ie_flag,
            "declare_customs_code": e.sub,
            "ie_port_code": e.sub,
            "ie_date": e.declare_ts.date(),
            "declare_ts": e.declare_ts,
            "trade_mode": e.trade_mode,
            "cut_mode": e.cut_mode,
            "trans_mode": "1" if e.ie_flag == "I" else "3",
            "traf_mode": "9" if domestic else "2",
            "traf_name": None if domestic else "COSCO PACIFIC",
            "voyage_no": None if domestic else f"V{e.entry_id[-4:]}",
            "bill_no": None if domestic else f"PT{e.entry_id[-12:]}",
            "manifest_id": None,
            "manual_no": e.manual_no,
            "related_manual_no": e.related_manual_no,
            "related_entry_id": e.related_entry_id,
            "license_no": None,
            "contract_no": f"HT{e.manual_no or e.entry_id[-8:]}",
            "trade_co": e.trade_co,
            "owner_code": e.trade_co,
            "agent_code": e.trade_co,
            "trade_country": "CHN" if domestic else e.country,
            "depart_arrive_country": "CHN" if domestic else e.country,
            "district_code": "44199",
            "pack_no": wf["pack_no"],
            "wrap_type": "22",
            "gross_wt": _q(net_kg * Decimal("1.05"), "0.00001"),
            "net_wt": _q(net_kg, "0.00001"),
            "entry_type": "M",
            "special_type": None,
            "tax_payment_mode": "NORMAL",
            "is_concentrated": False,
            "is_advance_declaration": False,
            "provisional_price_flag": False,
            "guarantee_release_flag": False,
            "conveyance_arrival_ts": (
                e.declare_ts - timedelta(days=wf["arrival_days"]) if e.ie_flag == "I" and not domestic else None
            ),
            "total_value_cny": total_cny,
            "dec_status": "RELEASED",
            "last_update_ts": release_end,
        },
    )
    if not full:
        return
    for s in wf["steps"]:
        out.write("dec_workflow", s)
    for letter, amount, issued, paid in wf["bills"]:
        out.write(
            "tax_bill",
            {
                "tax_bill_no": f"{e.entry_id}-{letter}01",
                "entry_id": e.entry_id,
                "tax_type": letter,
                "amount_cny": amount,
                "issue_ts": issued,
                "due_date": (issued + timedelta(days=15)).date(),
                "paid_ts": paid,
                "written_off_ts": paid + timedelta(minutes=30),
                "payer_code": e.trade_co,
                "payer_uscc": company["uscc"],
                "issuing_officer_id": wf["officers"]["TAX"],
                "status": "PAID",
                "cancel_officer_id": None,
                "cancel_ts": None,
                "replaced_by_bill_no": None,
                "last_update_ts": paid + timedelta(minutes=30),
            },
        )
    if e.kind in DUTIABLE_KINDS and e.domestic_doc:
        out.write(
            "dec_document",
            {
                "entry_id": e.entry_id,
                "docu_code": "c",
                "cert_code": f"NX{e.entry_id[-12:]}",
                "last_update_ts": e.declare_ts,
            },
        )


# --------------------------------------------------------------------------------------------------------------------
# the bad cases of one day


class Scenarios:
    """The labelled bad cases of one day (and the clean transfers), built on their own manuals."""

    def __init__(self, world: World, day: date, n: int):
        self.w, self.day, self.n = world, day, n
        self.ord = (day - EPOCH).days
        self.batch = Batch()
        self.labels: list[tuple[str, str, str, str | None, str]] = []
        self.followups: list[Manual] = []  # manuals that change again on the next day

    # -- helpers ------------------------------------------------------------------------------------------------

    def rng(self, code: int, i: int) -> random.Random:
        return random.Random(f"pt-scenario-{self.w.seed}-{self.day.isoformat()}-{code}-{i}")

    def sub(self, code: int, i: int) -> str:
        return self.w.subs[(code + i) % len(self.w.subs)]

    def pool(self, sub: str, kind: str = "scenario") -> list[dict]:
        district = self.w.district_of[sub]
        return {"scenario": self.w.scenario_pool, "dishonest": self.w.dishonest_pool}[kind][district]

    def company(self, sub: str, eslot: int, kind: str = "scenario") -> dict | None:
        pool = self.pool(sub, kind)
        return pool[(self.ord * 7 + eslot) % len(pool)] if pool else None

    def manual(
        self,
        code: int,
        i: int,
        m: int = 0,
        *,
        approved_days_ago: int = 60,
        valid_days: int = 300,
        kind: str = "C",
        company: dict | None = None,
        eslot: int | None = None,
        dm: str = "3",
        material_code: str | None = None,
        deposit: str = "EMPTY",
        img_qty: Decimal = Decimal(200_000),
        sub: str | None = None,
    ) -> Manual:
        """A manual of its own for a scenario: one or two materials, one product, BOM inside the default maximum."""
        rng = self.rng(code, i * 2 + m)
        sub = sub or self.sub(code, i)
        slot = code * 30 + i * 2 + m
        company = company or self.company(sub, eslot if eslot is not None else 3 * self.n + slot)
        family = FAMILIES[(self.ord + slot) % len(FAMILIES)]
        suffix = f"{10 + (self.ord * 7 + slot) % 80:02d}"  # 10-89, never a stream line's: no norm, no peers
        approved = self.day - timedelta(days=approved_days_ago)
        apply_ts = _at(approved, rng.uniform(0, 60))
        approve_ts = apply_ts + timedelta(minutes=rng.uniform(60, 200))
        manual_no = f"{kind}{sub}9{self.ord % 1000:03d}{slot:03d}"
        product = family.products[0]
        mats = family.materials[:2]
        items = [
            Item(
                "IMG",
                k + 1,
                (material_code if k == 0 and material_code else mat.code[:8] + suffix),
                mat.name,
                "035",
                img_qty,
                mat.usd_per_kg,
            )
            for k, mat in enumerate(mats)
        ]
        price = _product_price(family, 0, range(2))
        items.append(Item("EXG", 1, product[0][:8] + suffix, product[1], product[2], Decimal(100_000), price))
        boms = [Bom(1, k + 1, _norm(family, 0, k)[0], Decimal(dm), 1, apply_ts, approve_ts) for k in range(len(mats))]
        import_usd = sum(it.qty * it.unit_price for it in items if it.item_type == "IMG")
        return Manual(
            manual_no=manual_no,
            kind=kind,
            sub=sub,
            trade_co=company["enterprise_code"],
            apply_ts=apply_ts,
            approve_ts=approve_ts,
            approve_officer_id=self.w.officer(rng, sub, "PT_FILING"),
            valid_until=approved + timedelta(days=valid_days),
            import_limit=_q(import_usd, "1"),
            export_limit=_q(import_usd * Decimal("1.4"), "1"),
            deposit_mode=deposit,
            deposit_amount=None,
            items=items,
            boms=boms,
        )

    def entry(
        self,
        manual: Manual,
        kind: str,
        code: int,
        i: int,
        k: int,
        minutes: float,
        lines: list[Line],
        *,
        day: date | None = None,
        history: bool = False,
        trade_mode: str | None = None,
        cut_mode: str | None = None,
        **kw,
    ) -> Entry:
        day = day or self.day
        ie = "E" if kind in EXPORT_KINDS else "I"
        seq = (
            SEQ_HISTORY + (code * MAX_SCENARIOS + i) * 3 + k if history else SEQ_SCENARIO + (code * 30 + i * 2) * 10 + k
        )
        e = Entry(
            _entry_id(manual.sub, day, ie, seq),
            kind,
            trade_mode or MODES[manual.kind][kind],
            cut_mode or CUT_MODE[manual.kind],
            manual.sub,
            manual.manual_no,
            manual.trade_co,
            _at(day, minutes),
            lines,
            country=COUNTRIES[(code + i) % len(COUNTRIES)],
            **kw,
        )
        (self.batch.history if history else self.batch.entries).append(e)
        return e

    def line(self, manual: Manual, item_type: str, seq: int, qty: float | Decimal) -> Line:
        it = manual.item(item_type, seq)
        return Line(seq, it.code_ts, it.g_name, it.unit, Decimal(str(qty)), it.unit_price)

    def verification(
        self,
        manual: Manual,
        rng,
        report: datetime,
        accept: datetime | None,
        close: datetime | None,
        result: str | None = "BALANCED",
        remaining_share: str = "0.01",
        **kw,
    ) -> Verification:
        import_usd = Decimal(150_000)
        remaining = _q(import_usd * Decimal(remaining_share))
        v = Verification(
            verif_id=f"V{manual.manual_no}1",
            manual_no=manual.manual_no,
            report_ts=report,
            accept_ts=accept,
            officer_id=self.w.officer(rng, manual.sub, "PT_VERIFY"),
            close_ts=close,
            result=result,
            import_value_usd=import_usd,
            computed_remaining=remaining,
            reported_remaining=remaining,
            **kw,
        )
        manual.verification = v
        manual.statuses.append((report, "REPORTED"))
        if close:
            manual.statuses.append((close, "VERIFIED"))
        return v

    def change(
        self,
        manual: Manual,
        code: int,
        i: int,
        k: int,
        change_type: str,
        apply_ts: datetime,
        approve_ts: datetime,
        rng,
        old=None,
        new=None,
        exg_seq=None,
    ) -> Change:
        c = Change(
            2_000_000_000_000 + int(manual.sub) * 100_000_000 + self.ord * 1000 + (code * 30 + i * 2 + k) % 1000,
            manual.manual_no,
            change_type,
            apply_ts,
            approve_ts,
            self.w.officer(rng, manual.sub, "PT_FILING"),
            old,
            new,
            exg_seq,
        )
        manual.changes.append(c)
        return c

    def transfer(self, code: int, i: int, ship_days_ago: int, qty: Decimal) -> Transfer:
        """Two manuals of different enterprises (always from the lower to the higher pool index: no cycles)."""
        sub = self.sub(code, i)
        pool = self.pool(sub)
        x = (self.ord + code + i) % max(1, len(pool) - 1)
        y = min(len(pool) - 1, x + 1 + (self.ord + i) % max(1, len(pool) - 1 - x))
        out_m = self.manual(code, i, 0, company=pool[x], sub=sub)
        in_m = self.manual(code, i, 1, company=pool[y], sub=sub)
        exg = out_m.item("EXG", 1)
        in_m.items[0] = Item("IMG", 1, exg.code_ts, exg.g_name, exg.unit, Decimal(200_000), exg.unit_price)
        self.batch.manuals += [out_m, in_m]
        rng = self.rng(code, i)
        ship = _at(self.day - timedelta(days=ship_days_ago), rng.uniform(0, 300))
        t = Transfer(
            f"T{sub}{self.day:%Y%m%d}{(code * 30 + i) % 1000:03d}",
            out_m,
            in_m,
            exg.code_ts,
            ship - timedelta(days=15),
            ship - timedelta(days=10),
            ship,
            qty,
        )
        self.batch.transfers.append(t)
        return t

    def label(self, code: str, object_type: str, object_id: str, officer: str | None, note: str) -> None:
        self.labels.append((code, object_type, object_id, officer, note))

    def officer_of(self, e: Entry, step: str) -> str | None:
        return _plan_workflow(self.w, e)["officers"].get(step)

    # -- the cases ----------------------------------------------------------------------------------------------

    def build(self) -> Scenarios:
        for i in range(self.n):
            for build in (
                self.s001,
                self.s002,
                self.s003,
                self.s004,
                self.s005,
                self.s006,
                self.s007,
                self.s008,
                self.s009,
                self.s010,
                self.s011,
                self.s012,
                self.s013,
                self.s014,
                self.s015,
                self.s016,
                self.s017,
                self.s018_023,
                self.s019,
                self.s020,
                self.s021,
                self.s022,
                self.s024,
                self.s025,
                self.clean_transfer,
            ):
                build(i)
        return self

    def s001(self, i: int) -> None:
        m = self.manual(1, i, approved_days_ago=0, eslot=self.n + i)
        m.boms[0].dm = Decimal("8.5")  # no norm for the line: the default maximum 5 % x 1.2 applies
        self.batch.manuals.append(m)
        self.label("AP-PT-001", "PT_BOM", f"{m.manual_no}:1:1:v1", m.approve_officer_id, "wastage 8.5 % > 6 %")

    def s002(self, i: int) -> None:
        m = self.manual(2, i, approved_days_ago=40)
        rng = self.rng(2, i)
        self.entry(m, "EXPORT", 2, i, 0, rng.uniform(0, 40), [self.line(m, "EXG", 1, 500)])
        c = self.change(m, 2, i, 0, "BOM", _at(self.day, 330), _at(self.day, 420), rng, "v1", "v2", 1)
        for b in [b for b in m.boms if b.exg_seq == 1]:
            m.boms.append(Bom(1, b.img_seq, b.cm, Decimal("3"), 2, c.apply_ts, c.approve_ts))
        self.batch.manuals.append(m)
        self.label("AP-PT-002", "PT_MANUAL_CHANGE", str(c.change_id), c.approve_officer_id, "BOM changed after export")

    def s003(self, i: int) -> None:
        m = self.manual(3, i, approved_days_ago=300, valid_days=310)
        rng = self.rng(3, i)
        old = m.valid_until
        c = self.change(
            m,
            3,
            i,
            0,
            "EXTEND",
            _at(self.day - timedelta(days=1), 100),
            _at(self.day, 90),
            rng,
            old.isoformat(),
            (old + timedelta(days=400)).isoformat(),
        )
        self.batch.manuals.append(m)
        self.label("AP-PT-003", "PT_MANUAL_CHANGE", str(c.change_id), c.approve_officer_id, "extended by 400 days")

    def s004(self, i: int) -> None:
        sub = self.sub(4, i)
        company = self.company(sub, i, "dishonest")
        if company is None:
            return
        m = self.manual(4, i, approved_days_ago=0, company=company)
        self.batch.manuals.append(m)
        self.label("AP-PT-004", "MANUAL", m.manual_no, m.approve_officer_id, "manual for a DISHONEST enterprise")

    def s005(self, i: int) -> None:
        m = self.manual(5, i)
        rng = self.rng(5, i)
        lines = [self.line(m, "IMG", 1, 1000)]
        if i % 2 == 0:
            lines.append(Line(9, "3907109000", "聚缩醛", "035", Decimal(300), Decimal("2.10")))  # no item 9
        else:
            lines.append(Line(2, "7208510000", "热轧钢板", "035", Decimal(300), Decimal("0.80")))  # not item 2's line
        e = self.entry(m, "IMPORT", 5, i, 0, rng.uniform(0, 200), lines)
        self.batch.manuals.append(m)
        self.label("AP-PT-005", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "material not registered")

    def s006(self, i: int) -> None:
        m = self.manual(6, i, approved_days_ago=50, img_qty=Decimal(1000))
        rng = self.rng(6, i)
        self.entry(m, "IMPORT", 6, i, 0, rng.uniform(0, 30), [self.line(m, "IMG", 1, 800)])
        e = self.entry(m, "IMPORT", 6, i, 1, 300 + rng.uniform(0, 30), [self.line(m, "IMG", 1, 300)])
        self.batch.manuals.append(m)
        self.label("AP-PT-006", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "1100 kg of 1000 registered")

    def s007(self, i: int) -> None:
        rng = self.rng(7, i)
        if i % 2 == 0:  # 进料对口 import under a 来料 (B) manual: CR000015 wants C/E
            m = self.manual(7, i, kind="B")
            e = self.entry(
                m,
                "IMPORT",
                7,
                i,
                0,
                rng.uniform(0, 200),
                [self.line(m, "IMG", 1, 900)],
                trade_mode="0615",
                cut_mode="503",
            )
        else:  # 来料加工 export under a 进料 (C) manual: CR000035 wants B/E
            m = self.manual(7, i, kind="C")
            e = self.entry(
                m,
                "EXPORT",
                7,
                i,
                0,
                rng.uniform(0, 200),
                [self.line(m, "EXG", 1, 400)],
                trade_mode="0214",
                cut_mode="502",
            )
        self.batch.manuals.append(m)
        self.label("AP-PT-007", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "manual prefix vs trade mode")

    def s008(self, i: int) -> None:
        m = self.manual(8, i, approved_days_ago=90)
        rng = self.rng(8, i)
        e = self.entry(m, "DOMESTIC", 8, i, 0, rng.uniform(0, 200), [self.line(m, "IMG", 1, 200)], domestic_doc=False)
        self.batch.manuals.append(m)
        self.label("AP-PT-008", "ENTRY", e.entry_id, self.officer_of(e, "RELEASE"), "domestic sale without 联系单")

    def s009(self, i: int) -> None:
        m = self.manual(9, i, approved_days_ago=90)
        rng = self.rng(9, i)
        e = self.entry(m, "DOMESTIC", 9, i, 0, rng.uniform(0, 200), [self.line(m, "IMG", 1, 250)], interest_bill=False)
        self.batch.manuals.append(m)
        self.label("AP-PT-009", "ENTRY", e.entry_id, self.officer_of(e, "TAX"), "no deferred-tax interest bill")

    def _closed(self, code: int, i: int, result: str, remaining: str, **kw) -> Verification:
        m = self.manual(code, i, approved_days_ago=250, valid_days=225)
        rng = self.rng(code, i)
        v = self.verification(
            m,
            rng,
            _at(self.day - timedelta(days=20), 60),
            _at(self.day - timedelta(days=18), 60),
            _at(self.day, 400),
            result,
            remaining,
            **kw,
        )
        self.batch.manuals.append(m)
        return v

    def s010(self, i: int) -> None:
        v = self._closed(10, i, "SHORTAGE", "0.01", shortage=Decimal(12_000), tax_collected=Decimal(0))
        self.label("AP-PT-010", "PT_VERIFICATION", v.verif_id, v.officer_id, "shortage closed, no tax, no referral")

    def s011(self, i: int) -> None:
        v = self._closed(11, i, "BALANCED", "0.20")
        self.label("AP-PT-011", "PT_VERIFICATION", v.verif_id, v.officer_id, "20 % left over, no disposition")

    def _transfer_entries(self, t: Transfer, code: int, i: int, first: str, in_qty, out_qty) -> tuple[Entry, Entry]:
        rng = self.rng(code, i)
        early, late = rng.uniform(0, 30), 270 + rng.uniform(0, 30)
        in_e = self.entry(
            t.in_manual,
            "TRANSFER_IN",
            code,
            i,
            0,
            early if first == "in" else late,
            [self.line(t.in_manual, "IMG", 1, in_qty)],
            related_manual_no=t.out_manual.manual_no,
        )
        out_e = self.entry(
            t.out_manual,
            "TRANSFER_OUT",
            code,
            i,
            1,
            late if first == "in" else early,
            [self.line(t.out_manual, "EXG", 1, out_qty)],
            related_manual_no=t.in_manual.manual_no,
        )
        t.in_entry, t.out_entry = in_e, out_e
        return in_e, out_e

    def s012(self, i: int) -> None:
        ship_qty = Decimal(1080) if i % 2 == 0 else Decimal(940)
        t = self.transfer(12, i, 6, ship_qty)
        _, out_e = self._transfer_entries(t, 12, i, "in", 1000, 1000 if i % 2 == 0 else 940)
        self.label("AP-PT-012", "PT_TRANSFER", t.transfer_id, self.officer_of(out_e, "MANUAL_REVIEW"), "qty differ")

    def s013(self, i: int) -> None:
        t = self.transfer(13, i, 6, Decimal(1000))
        _, out_e = self._transfer_entries(t, 13, i, "out", 1000, 1000)
        self.label("AP-PT-013", "PT_TRANSFER", t.transfer_id, self.officer_of(out_e, "MANUAL_REVIEW"), "out before in")

    def s014(self, i: int) -> None:
        rng = self.rng(14, i)
        sub = self.sub(14, i)
        pool = self.pool(sub)
        if i % 2 == 0:  # another enterprise's manual
            src = self.manual(14, i, 0, approved_days_ago=200, company=pool[(self.ord + 1) % len(pool)])
            dst = self.manual(14, i, 1, approved_days_ago=30, company=pool[(self.ord + 2) % len(pool)])
            if src.trade_co == dst.trade_co:
                return
        else:  # the same enterprise, out of a manual already verified
            src = self.manual(14, i, 0, approved_days_ago=250, valid_days=200, eslot=3 * self.n + 14 * 30 + i)
            dst = self.manual(14, i, 1, approved_days_ago=30, company=self.w.enterprise[src.trade_co])
            self.verification(
                src,
                rng,
                _at(self.day - timedelta(days=45), 60),
                _at(self.day - timedelta(days=43), 60),
                _at(self.day - timedelta(days=20), 300),
            )
        src_img = src.item("IMG", 1)
        dst.items[0] = Item("IMG", 1, src_img.code_ts, src_img.g_name, "035", Decimal(200_000), src_img.unit_price)
        e = self.entry(
            dst,
            "LEFTOVER_IN",
            14,
            i,
            0,
            rng.uniform(0, 200),
            [self.line(dst, "IMG", 1, 400)],
            related_manual_no=src.manual_no,
        )
        self.batch.manuals += [src, dst]
        self.label(
            "AP-PT-014", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "ineligible leftover transfer"
        )

    def s015(self, i: int) -> None:
        m = self.manual(15, i)
        rng = self.rng(15, i)
        if i % 2 == 0:
            lines = [Line(8, "8516609000", "电烤箱", "001", Decimal(120), Decimal("35.00"))]  # no EXG item 8
        else:
            lines = [Line(1, "8516609000", "电烤箱", "001", Decimal(120), Decimal("35.00"))]  # not item 1's line
        e = self.entry(m, "EXPORT", 15, i, 0, rng.uniform(0, 200), lines)
        self.batch.manuals.append(m)
        self.label("AP-PT-015", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "product not registered")

    def s016(self, i: int) -> None:
        sub = self.sub(16, i)
        eligible = [e for e in self.pool(sub) if e["credit_class"] not in ("AA", "A", "ADV_CERT")]
        if not eligible:
            return
        company = eligible[(self.ord + i) % len(eligible)]
        m = self.manual(16, i, company=company, material_code=RESTRICTED_CODES[i % len(RESTRICTED_CODES)])
        rng = self.rng(16, i)
        e = self.entry(m, "IMPORT", 16, i, 0, rng.uniform(0, 200), [self.line(m, "IMG", 1, 500)])
        self.batch.manuals.append(m)
        self.label("AP-PT-016", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "restricted, deposit EMPTY")

    def s017(self, i: int) -> None:
        m = self.manual(17, i, approved_days_ago=0, eslot=2 * self.n + i)
        m.export_limit = _q(m.import_limit * Decimal("0.85"), "1")
        self.batch.manuals.append(m)
        self.label("AP-PT-017", "MANUAL", m.manual_no, m.approve_officer_id, "export value below import value")

    def s018_023(self, i: int) -> None:
        """An enterprise's manual left executing past its reporting period (AP-PT-023 on its first overdue day),
        and a new manual approved for the same enterprise that day (AP-PT-018). The old one is verified next day."""
        overdue = self.manual(23, i, approved_days_ago=300, valid_days=269, eslot=i)
        rng = self.rng(23, i)
        nxt = self.day + timedelta(days=1)
        self.verification(overdue, rng, _at(nxt, 30), _at(nxt, 90), _at(nxt, 390))
        new = self.manual(18, i, approved_days_ago=0, company=self.w.enterprise[overdue.trade_co], sub=overdue.sub)
        self.batch.manuals += [overdue, new]
        self.followups.append(overdue)
        self.label("AP-PT-023", "MANUAL", overdue.manual_no, None, "executing 31 days after validity ended")
        self.label("AP-PT-018", "MANUAL", new.manual_no, new.approve_officer_id, "enterprise has an overdue manual")

    def s019(self, i: int) -> None:
        m = self.manual(19, i, approved_days_ago=120, valid_days=240)
        rng = self.rng(19, i)
        self.entry(
            m,
            "IMPORT",
            19,
            i,
            0,
            rng.uniform(0, 200),
            [self.line(m, "IMG", 1, 2000)],
            day=self.day - timedelta(days=45),
            history=True,
        )
        if i % 2 == 0:
            c = self.change(m, 19, i, 0, "OTHER", _at(self.day, 60), _at(self.day, 200), rng, "EXECUTING", "CANCELLED")
            m.statuses.append((c.approve_ts, "CANCELLED"))
            officer = c.approve_officer_id
        else:
            v = self.verification(
                m,
                rng,
                _at(self.day - timedelta(days=10), 60),
                _at(self.day - timedelta(days=8), 60),
                _at(self.day, 400),
            )
            officer = v.officer_id
        self.batch.manuals.append(m)
        self.label("AP-PT-019", "MANUAL", m.manual_no, officer, "closed with imports and no exports")

    def s020(self, i: int) -> None:
        m = self.manual(20, i, approved_days_ago=200, valid_days=230)
        rng = self.rng(20, i)
        self.verification(
            m,
            rng,
            _at(self.day - timedelta(days=10), 60),
            _at(self.day - timedelta(days=8), 60),
            _at(self.day + timedelta(days=1), 400),
        )
        img = m.item("IMG", 1)
        c = self.change(
            m,
            20,
            i,
            0,
            "QTY_INCREASE",
            _at(self.day - timedelta(days=1), 120),
            _at(self.day, 100),
            rng,
            str(img.qty),
            str(img.qty * Decimal("1.2")),
        )
        m.item_updates.append((c.approve_ts, "IMG", 1, img.qty * Decimal("1.2")))
        self.batch.manuals.append(m)
        self.followups.append(m)
        self.label(
            "AP-PT-020", "PT_MANUAL_CHANGE", str(c.change_id), c.approve_officer_id, "quantity raised after report"
        )

    def s021(self, i: int) -> None:
        m = self.manual(21, i, approved_days_ago=100)
        rng = self.rng(21, i)
        original = self.entry(
            m,
            "EXPORT",
            21,
            i,
            0,
            rng.uniform(0, 200),
            [self.line(m, "EXG", 1, 30)],
            day=self.day - timedelta(days=20),
            history=True,
        )
        e = self.entry(
            m, "RETURN", 21, i, 0, rng.uniform(0, 200), [self.line(m, "EXG", 1, 50)], related_entry_id=original.entry_id
        )
        self.batch.manuals.append(m)
        self.label("AP-PT-021", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "50 returned, 30 exported")

    def s022(self, i: int) -> None:
        m = self.manual(22, i, approved_days_ago=150, dm="2")
        rng = self.rng(22, i)
        self.entry(
            m,
            "IMPORT",
            22,
            i,
            0,
            rng.uniform(0, 200),
            [self.line(m, "IMG", 1, 1000), self.line(m, "IMG", 2, 500)],
            day=self.day - timedelta(days=60),
            history=True,
        )
        e = self.entry(m, "SCRAP", 22, i, 0, rng.uniform(0, 200), [self.line(m, "IMG", 1, 60)])
        self.batch.manuals.append(m)
        self.label("AP-PT-022", "ENTRY", e.entry_id, self.officer_of(e, "MANUAL_REVIEW"), "60 kg scrap > 1.2 x 30 kg")

    def s024(self, i: int) -> None:
        m = self.manual(24, i, approved_days_ago=250, valid_days=210)
        rng = self.rng(24, i)
        v = self.verification(
            m,
            rng,
            _at(self.day - timedelta(days=33), 60),
            _at(self.day - timedelta(days=31), 60),
            _at(self.day + timedelta(days=1), 300),
        )
        self.batch.manuals.append(m)
        self.followups.append(m)
        self.label("AP-PT-024", "PT_VERIFICATION", v.verif_id, v.officer_id, "accepted 31 days ago, still open")

    def s025(self, i: int) -> None:
        t = self.transfer(25, i, 91, Decimal(500))
        self.label("AP-PT-025", "PT_TRANSFER", t.transfer_id, None, "shipped 91 days ago, never declared")

    def clean_transfer(self, i: int) -> None:
        t = self.transfer(26, i, 5, Decimal(800))
        self._transfer_entries(t, 26, i, "in", 800, 800)


# --------------------------------------------------------------------------------------------------------------------
# the day


def _reference_rows(out) -> None:
    for family in FAMILIES:
        for p in range(len(family.products)):
            for m in range(len(family.materials)):
                norm_cm, norm_dm = _norm(family, p, m)
                out.write(
                    "pt_consumption_norm",
                    {
                        "exg_code_ts": family.products[p][0],
                        "img_code_ts": family.materials[m].code,
                        "norm_cm": norm_cm,
                        "norm_dm_pct": norm_dm,
                        "source": "加工贸易单耗标准 (synthetic)",
                    },
                )
    for code in RESTRICTED_CODES:
        out.write(
            "tariff_rate",
            {
                "code_ts": code,
                "valid_from": date(2020, 1, 1),
                "valid_to": None,
                "mfn_rate": Decimal("0.05"),
                "provisional_rate": None,
                "quota_rate": None,
                "general_rate": Decimal("0.30"),
                "vat_rate": Decimal("0.13"),
                "consumption_rate": None,
                "export_rate": None,
                "fta_rates": None,
                "supervision_conditions": None,
                "pt_restricted": True,
                "pt_prohibited": False,
            },
        )


def _deliver_manual(out, m: Manual, day: date) -> None:
    out.write("pt_manual", m.row_as_of(day))
    for row in m.item_rows_as_of(day):
        out.write("pt_manual_item", row)
    for row in m.bom_rows_as_of(day):
        out.write("pt_bom", row)
    if m.verification and (row := m.verification.row_as_of(day)):
        out.write("pt_verification", row)
    for c in m.changes:
        if c.approve_ts.date() == day:
            out.write("pt_manual_change", c.row())


def generate(ctx: DayContext, out) -> None:
    world = World(ctx)
    day = ctx.biz_date
    n = min(MAX_SCENARIOS, max(1, ctx.preset.scenarios_per_day // 2))
    _reference_rows(out)

    # the clean stream: every active manual, the day's declarations, and the history a day-D check needs
    entries: list[Entry] = []
    history: dict[str, Entry] = {}
    for m in _plan_manuals(world, day):
        _deliver_manual(out, m, day)
        todays = [e for e in m.entries if e.declare_ts.date() == day]
        entries += todays
        closes_today = m.verification is not None and m.verification.close_ts.date() == day
        if closes_today or any(e.kind == "SCRAP" for e in todays):
            history.update({e.entry_id: e for e in m.entries if e.declare_ts.date() < day})
        for e in todays:
            if e.kind == "RETURN" and e.related_entry_id:
                original = next(x for x in m.entries if x.entry_id == e.related_entry_id)
                history[original.entry_id] = original

    # the day's bad cases, and yesterday's that change again today
    scenarios = Scenarios(world, day, n).build()
    batch = scenarios.batch
    seen: set[str] = set()
    for m in batch.manuals:
        if m.manual_no not in seen:
            seen.add(m.manual_no)
            _deliver_manual(out, m, day)
    for m in Scenarios(world, day - timedelta(days=1), n).build().followups:
        _deliver_manual(out, m, day)
    entries += batch.entries
    history.update({e.entry_id: e for e in batch.history})

    for e in history.values():
        _write_entry(world, out, e, full=False)
    for e in entries:
        _write_entry(world, out, e, full=True)
    for t in batch.transfers:
        out.write("pt_transfer", t.row())
    for code, object_type, object_id, officer, note in scenarios.labels:
        out.label(code, object_type, object_id, officer, note)
