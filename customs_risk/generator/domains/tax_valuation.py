"""Tariff review, valuation and tax: the tax-side reference tables and the stories behind AP-TAR-001 … AP-TAR-014.

Reference tables, a full snapshot every day: tariff_rate, price_reference, exchange_rate, hs_keyword_rule.

Everything else is told as *stories*. A story is one object (an import declaration with its workflow, field
changes, tax bills and fees, a refund, a guarantee, a price challenge, an exemption certificate), built only from
the seed, its kind, its index and its *anchor day*: the day its bad case first fires, or for a clean story the day
it is about. Its rows have versions in time, and the extract of business day D carries
  * for the stories anchored on D: every row as it stands at the end of D (older parts re-delivered, so that a
    warehouse starting on D sees the whole object);
  * for the stories anchored up to PRE_DAYS later or POST_DAYS earlier: the rows that changed on D, and every
    workflow step still open at the end of D (the contract re-delivers an open step each day until it ends).
A bad story crosses its check's threshold exactly on its anchor day and is labelled that day; a clean story stays
inside every limit, often right at the boundary, on every day. Timeliness scenarios that need working hours or
working days to pass (AP-TAR-006/007/012/013/014) are injected on working days only.

The declarations are imports with entry-id sequence numbers 800000–899999:
    800000 + (days from declaration to anchor % 100) * 1000 + kind * 64 + index.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from zoneinfo import ZoneInfo

from customs_risk.generator.clearance import Emit
from customs_risk.generator.context import DayContext
from customs_risk.generator.organisation import Organisation, Section, calendar_rows, module_enterprise

TZ = ZoneInfo("Asia/Shanghai")
STREAM = "tax_valuation"
PRE_DAYS = 3  # a story's rows are delivered on the day they change from this many days before its anchor …
POST_DAYS = 12  # … to this many days after it (resolutions wait at most for the next working day, holidays included)
SEQ_BASE = 800_000
MAX_PER_KIND = 20  # stories of one kind per anchor day (index < 64 keeps entry ids unique)
CENT = Decimal("0.01")
USD_CNY = Decimal("7.10")  # the customs USD rate of every month: the core generator converts at 7.10
FEE_RATE = Decimal("0.0005")  # 滞纳金: 0.5 per mille of the overdue tax per day
GOOD_CLASSES = ("ADV_CERT", "GEN_CERT", "GENERAL")  # facilitation (paperless, guarantee release) is allowed
D2020, D2025, D2026 = date(2020, 1, 1), date(2025, 1, 1), date(2026, 1, 1)

# --------------------------------------------------------------------------------------------- reference data

# code_ts, valid_from, valid_to, mfn, provisional, general, vat, supervision conditions
# The core generator's seven codes carry 0 % duty (true for the ITA goods, crude oil and metal furniture; kept at 0
# for polyethylene and footwear too, because the core levies a flat 5 % on some items and 0 on others under "MFN").
TARIFF: list[tuple[str, date, date | None, str, str | None, str, str, str | None]] = [
    ("8471300000", D2020, None, "0", None, "0.70", "0.13", None),
    ("8517620000", D2020, None, "0", None, "0.70", "0.13", None),
    ("3901100000", D2020, None, "0", None, "0.45", "0.13", None),
    ("8542319000", D2020, None, "0", None, "0.24", "0.13", None),
    ("6403990000", D2020, None, "0", None, "1.00", "0.13", None),
    ("9403200000", D2020, None, "0", None, "1.00", "0.13", None),
    ("2709000000", D2020, None, "0", None, "0", "0.13", "7"),
    ("0901210000", D2020, None, "0.15", None, "0.80", "0.13", None),
    ("0901110000", D2020, None, "0.08", None, "0.30", "0.09", None),
    ("8528591000", D2020, date(2025, 12, 31), "0.15", "0.06", "1.30", "0.13", "A"),
    ("8528591000", D2026, None, "0.15", "0.05", "1.30", "0.13", "A"),
    ("8528521100", D2020, None, "0", None, "0.70", "0.13", "A"),
    ("8477800000", D2020, None, "0.05", None, "0.30", "0.13", None),
]

# code_ts, origin ('*' = any), unit, USD reference unit price, valid_from, valid_to
PRICE_REFERENCES: list[tuple[str, str, str, str, date, date | None]] = [
    ("8471300000", "*", "001", "450", D2020, date(2025, 12, 31)),
    ("8471300000", "*", "001", "420", D2026, None),
    ("8517620000", "*", "001", "95", D2020, None),
    ("8542319000", "*", "007", "0.85", D2020, None),
    ("3901100000", "*", "035", "1.20", D2020, None),
    ("3901100000", "KOR", "035", "1.10", D2020, None),
    ("3901100000", "USA", "035", "1.05", D2020, None),
    ("0901210000", "*", "035", "7.50", D2020, None),
    ("0901110000", "*", "035", "4.20", D2020, None),
    ("8528591000", "*", "001", "160", D2020, None),
    ("8528521100", "*", "001", "120", D2020, None),
]

# keyword in g_name, expected HS prefix, note (classification section's rules)
KEYWORD_RULES = [
    ("笔记本电脑", "847130", "便携式自动数据处理设备归 8471.30"),
    ("交换机", "851762", "网络交换设备归 8517.62"),
    ("聚乙烯", "3901", "初级形状的乙烯聚合物归 39.01"),
    ("集成电路", "8542", "集成电路归 85.42"),
    ("皮鞋", "6403", "皮革制鞋面的鞋靴归 64.03"),
    ("原油", "2709", "石油原油归 27.09"),
    ("咖啡", "0901", "咖啡归 09.01"),
    ("监视器", "8528", "监视器归 85.28"),
    ("加工机械", "8477", "塑料加工机械归 84.77"),
]

# customs exchange rates (CNY per unit); one row per currency and month
FX_BASE = {
    "USD": Decimal("7.10"),
    "EUR": Decimal("7.72"),
    "JPY": Decimal("0.0476"),
    "KRW": Decimal("0.00518"),
    "GBP": Decimal("9.02"),
    "HKD": Decimal("0.912"),
    "AUD": Decimal("4.68"),
}


@dataclass(frozen=True)
class Goods:
    name: str
    unit: str
    price: Decimal  # typical USD unit price (the reference price where one exists)
    qty: tuple[int, int]


GOODS = {
    "8471300000": Goods("笔记本电脑", "001", Decimal("420"), (60, 400)),
    "8517620000": Goods("网络交换机", "001", Decimal("95"), (300, 2000)),
    "3901100000": Goods("低密度聚乙烯", "035", Decimal("1.20"), (40_000, 200_000)),
    "6403990000": Goods("皮鞋", "025", Decimal("38"), (1_500, 6_000)),
    "9403200000": Goods("金属家具", "011", Decimal("85"), (600, 3_000)),
    "0901210000": Goods("焙炒咖啡豆", "035", Decimal("7.50"), (8_000, 30_000)),
    "0901110000": Goods("咖啡生豆", "035", Decimal("4.20"), (12_000, 50_000)),
    "8528591000": Goods("彩色液晶监视器", "001", Decimal("160"), (400, 2_000)),
    "8528521100": Goods("计算机用液晶显示器", "001", Decimal("120"), (400, 2_000)),
    "8477800000": Goods("塑料加工机械", "001", Decimal("85000"), (1, 3)),
}
PLAIN_GOODS = ["8471300000", "8517620000", "3901100000", "6403990000", "9403200000"]
ZERO_DUTY_GOODS = ["8471300000", "8517620000"]  # VAT only: one tax bill (L) per entry
UNREFERENCED_GOODS = ["6403990000", "9403200000"]  # no price reference for their unit
CODE_PAIRS = [("0901210000", "0901110000"), ("8528591000", "8528521100")]  # (higher rate, lower rate)
ORIGINS = ["USA", "DEU", "JPN", "KOR", "VNM", "AUS", "GBR", "THA"]


def tariff_row(code: str, d: date) -> tuple | None:
    for row in TARIFF:
        if row[0] == code and row[1] <= d and (row[2] is None or d <= row[2]):
            return row
    return None


def eff_rate(code: str, d: date) -> tuple[Decimal, str]:
    """COALESCE(provisional, MFN) of the row valid on d, and its rate type (mirrors the dbt macro eff_rate)."""
    row = tariff_row(code, d)
    if row is None:
        return Decimal(0), "MFN"
    return (Decimal(row[4]), "PROVISIONAL") if row[4] is not None else (Decimal(row[3]), "MFN")


def vat_rate(code: str, d: date) -> Decimal:
    row = tariff_row(code, d)
    return Decimal(row[6]) if row else Decimal("0.13")


def reference_price(code: str, origin: str, unit: str, d: date) -> Decimal | None:
    """The reference AP-TAR-003 applies: the origin's own row before the any-origin one."""
    found = [
        r
        for r in PRICE_REFERENCES
        if r[0] == code and r[2] == unit and r[1] in (origin, "*") and r[4] <= d and (r[5] is None or d <= r[5])
    ]
    found.sort(key=lambda r: (r[1] == "*", -r[4].toordinal()))
    return Decimal(found[0][3]) if found else None


def reference_rows(biz_date: date, seed: int) -> list[tuple[str, dict]]:
    rows: list[tuple[str, dict]] = []
    for code, valid_from, valid_to, mfn, provisional, general, vat, conditions in TARIFF:
        rows.append(
            (
                "tariff_rate",
                {
                    "code_ts": code,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "mfn_rate": Decimal(mfn),
                    "provisional_rate": Decimal(provisional) if provisional is not None else None,
                    "quota_rate": None,
                    "general_rate": Decimal(general),
                    "vat_rate": Decimal(vat),
                    "consumption_rate": None,
                    "export_rate": None,
                    "fta_rates": {"KOR": 0.0, "AUS": 0.0} if mfn != "0" else None,
                    "supervision_conditions": conditions,
                    "pt_restricted": False,
                    "pt_prohibited": False,
                },
            )
        )
    for code, origin, unit, price, valid_from, valid_to in PRICE_REFERENCES:
        rows.append(
            (
                "price_reference",
                {
                    "code_ts": code,
                    "origin_country": origin,
                    "unit": unit,
                    "ref_unit_price_usd": Decimal(price),
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                },
            )
        )
    for keyword, prefix, note in KEYWORD_RULES:
        rows.append(("hs_keyword_rule", {"keyword": keyword, "expected_hs_prefix": prefix, "note": note}))
    month = date(biz_date.year, biz_date.month, 1)
    for back in range(24, -1, -1):  # two years of monthly rates up to the business month
        y, m = divmod(month.year * 12 + month.month - 1 - back, 12)
        rate_month = date(y, m + 1, 1)
        wobble = random.Random(f"fx-{seed}-{rate_month.isoformat()}")
        for curr, base in FX_BASE.items():
            rate = base if curr == "USD" else base * (1 + Decimal(wobble.randint(-250, 250)) / 10_000)
            rows.append(
                (
                    "exchange_rate",
                    {"curr_code": curr, "rate_month": rate_month, "rate_to_cny": rate.quantize(Decimal("0.000001"))},
                )
            )
    return rows


# --------------------------------------------------------------------------------------------- time


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(r["cal_date"] for r in calendar_rows(year) if r["is_holiday"])


def real_workday(d: date) -> bool:
    return d.weekday() < 5 and d not in _holidays(d.year)


class Calendar:
    """Working days and working hours exactly as the warehouse computes them (WD, WH): from the work calendar of the
    business day's year, the only one its snapshot holds, so dates of another year never count as working days.
    next_workday/prev_workday give real working days, for the timing of stories."""

    def __init__(self, year: int):
        self.year = year

    def is_workday(self, d: date) -> bool:
        return d.year == self.year and real_workday(d)

    def wh(self, a: datetime, b: datetime) -> float:
        a, b = a.astimezone(TZ), b.astimezone(TZ)
        total, d = 0.0, a.date()
        while d <= b.date():
            if self.is_workday(d):
                lo, hi = max(a, at(d, 8, 30)), min(b, at(d, 17, 30))
                total += max(0.0, (hi - lo).total_seconds() / 3600)
            d += timedelta(days=1)
        return total

    def wd(self, a: date, b: date) -> int:
        return sum(1 for n in range(1, (b - a).days + 1) if self.is_workday(a + timedelta(days=n)))

    def workday_back(self, d: date, n: int) -> date | None:
        """The working day x with WD(x, d) = n; None when the year's calendar does not reach back that far."""
        x, count = d, 0
        while x.year == self.year:
            if self.is_workday(x):
                count += 1
            x -= timedelta(days=1)
            if count == n and self.is_workday(x):
                return x
        return None

    @staticmethod
    def next_workday(d: date) -> date:
        x = d + timedelta(days=1)
        while not real_workday(x):
            x += timedelta(days=1)
        return x

    @staticmethod
    def prev_workday(d: date) -> date:
        x = d - timedelta(days=1)
        while not real_workday(x):
            x -= timedelta(days=1)
        return x


def at(d: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm), TZ)


def local(ts: datetime) -> date:
    return ts.astimezone(TZ).date()


def minutes(rng: random.Random, lo: int, hi: int) -> timedelta:
    return timedelta(minutes=rng.randint(lo, hi))


def money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------------------------- stories


@dataclass
class Version:
    table: str
    key: tuple
    ts: datetime
    row: dict


STATE_TABLES = {
    "dec_head",
    "dec_item",
    "tax_bill",
    "tax_refund",
    "tax_supplement",
    "late_fee",
    "guarantee",
    "valuation_action",
    "tax_exemption_cert",
}
CONTEXT_TABLES = {"dec_head", "tax_bill"}  # re-delivered with any change of their story (references must resolve)


@dataclass
class Story:
    anchor: date
    versions: list[Version] = field(default_factory=list)
    labels: list[tuple[str, str, str, str | None, str]] = field(default_factory=list)

    def put(self, table: str, key: tuple, ts: datetime, row: dict) -> None:
        row = dict(row)
        if table in STATE_TABLES:
            row["last_update_ts"] = ts
        self.versions.append(Version(table, key, ts, row))

    def label(self, check: str, object_type: str, object_id: str, officer: str | None, note: str) -> None:
        self.labels.append((check, object_type, object_id, officer, note))

    def deliver(self, day: date, write: Callable[[str, dict], None]) -> None:
        """Write the story's rows for one business day (see the module docstring)."""
        full = day == self.anchor
        by_key: dict[tuple[str, tuple], list[Version]] = {}
        for v in self.versions:
            by_key.setdefault((v.table, v.key), []).append(v)
        chosen: list[Version] = []
        context: list[Version] = []
        for (table, _key), versions in by_key.items():
            current, changed = None, False
            for v in sorted(versions, key=lambda v: v.ts):
                if local(v.ts) <= day:
                    current = v
                changed = changed or local(v.ts) == day
            if current is None:
                continue
            still_open = table == "dec_workflow" and current.row["end_ts"] is None
            if full or changed or still_open:
                chosen.append(current)
            elif table in CONTEXT_TABLES:
                context.append(current)
        if chosen and not full:
            # whatever the day carries must resolve in a warehouse that starts on this day: the declaration header
            # and the tax bills of the story come along, unchanged
            chosen = context + chosen
        for v in chosen:
            write(v.table, v.row)


@dataclass
class Staff:
    """The officers a story's declaration meets, drawn once per story."""

    clearance: Section
    tariff: Section
    reviewer: str
    acceptor: str
    releaser: str
    tax: str
    valuer: str

    @classmethod
    def draw(cls, org: Organisation, sub: str, rng: random.Random) -> Staff:
        clearance = org.section_for(sub, "clearance", "REVIEW")
        tariff = org.section_for(sub, "tariff_review", "TAX")

        def pick(section: Section, post: str) -> str:
            return rng.choice(section.officers[post]).officer_id

        return cls(
            clearance,
            tariff,
            pick(clearance, "REVIEW"),
            pick(clearance, "ACCEPT"),
            pick(clearance, "RELEASE"),
            pick(tariff, "TAX"),
            pick(tariff, "VALUATION"),
        )


class Entry:
    """One import declaration of a story: header, items, workflow steps and tax bills, all versioned in time."""

    def __init__(
        self,
        story: Story,
        sub: str,
        seq: int,
        declare_ts: datetime,
        company: dict,
        broker: dict,
        staff: Staff,
        *,
        trade_mode: str = "0110",
        cut_mode: str = "101",
        manual_no: str | None = None,
        tax_payment_mode: str = "NORMAL",
        guarantee_release: bool = False,
        origin: str = "USA",
    ):
        self.story, self.staff, self.company = story, staff, company
        self.declare_ts, self.origin = declare_ts, origin
        self.entry_id = f"{sub}{declare_ts.year}1{declare_ts.timetuple().tm_yday:03d}{seq:06d}"
        self.items: list[dict] = []
        self.bills: list[dict] = []
        self.step_count = 0
        self.change_count = 0
        self.status = "DECLARED"
        self.head = {
            "entry_id": self.entry_id,
            "pre_entry_id": f"P{self.entry_id[1:]}",
            "ie_flag": "I",
            "declare_customs_code": sub,
            "ie_port_code": sub,
            "ie_date": None,
            "declare_ts": declare_ts,
            "trade_mode": trade_mode,
            "cut_mode": cut_mode,
            "trans_mode": "1",
            "traf_mode": "2",
            "traf_name": "COSCO PACIFIC",
            "voyage_no": f"V{seq % 1000:03d}E",
            "bill_no": f"BL{self.entry_id[-12:]}",
            "manifest_id": None,
            "manual_no": manual_no,
            "trade_co": company["enterprise_code"],
            "owner_code": company["enterprise_code"],
            "agent_code": broker["enterprise_code"],
            "trade_country": origin,
            "depart_arrive_country": origin,
            "district_code": "44199",
            "pack_no": 0,
            "wrap_type": "22",
            "gross_wt": Decimal(0),
            "net_wt": Decimal(0),
            "entry_type": "M",
            "special_type": None,
            "tax_payment_mode": tax_payment_mode,
            "is_concentrated": False,
            "is_advance_declaration": False,
            "provisional_price_flag": False,
            "guarantee_release_flag": guarantee_release,
            "conveyance_arrival_ts": declare_ts - timedelta(days=1 + seq % 3, hours=5),
            "total_value_cny": Decimal(0),
            "dec_status": "DECLARED",
        }
        self.head["ie_date"] = local(self.head["conveyance_arrival_ts"])

    # items ---------------------------------------------------------------------------------------------------
    def add_item(self, code: str, qty: int, unit_price: Decimal, duty_mode: str = "1") -> dict:
        goods = GOODS[code]
        item = {
            "entry_id": self.entry_id,
            "g_no": len(self.items) + 1,
            "code_ts": code,
            "ciq_code": "999",
            "g_name": goods.name,
            "g_model": "品牌|型号|用途",
            "g_qty": Decimal(qty),
            "g_unit": goods.unit,
            "qty_1": Decimal(qty),
            "unit_1": goods.unit,
            "decl_price": unit_price.quantize(Decimal("0.0001")),
            "trade_curr": "USD",
            "origin_country": self.origin,
            "dest_country": "CHN",
            "duty_mode": duty_mode,
        }
        self._value(item)
        self.items.append(item)
        self.head["pack_no"] += max(1, qty // 50)
        self.head["gross_wt"] += Decimal(qty * (1 if goods.unit == "035" else 12))
        self.head["net_wt"] = (self.head["gross_wt"] * Decimal("0.92")).quantize(Decimal(1))
        return item

    def _value(self, item: dict, customs_unit_price: Decimal | None = None) -> None:
        """Total, customs value and taxes from price, quantity, code and duty mode (the customs unit price may differ
        from the declared one after a valuation adjustment)."""
        d = local(self.declare_ts)
        item["decl_total"] = money(item["decl_price"] * item["g_qty"])
        item["usd_value"] = money((customs_unit_price or item["decl_price"]) * item["g_qty"])
        item["cny_value"] = money(item["usd_value"] * USD_CNY)
        if item["duty_mode"] == "1":
            rate, rate_type = eff_rate(item["code_ts"], d)
            item["duty_amount_cny"] = money(item["cny_value"] * rate)
            item["vat_amount_cny"] = money((item["cny_value"] + item["duty_amount_cny"]) * vat_rate(item["code_ts"], d))
            item["applied_duty_rate"], item["applied_rate_type"] = rate, rate_type
        else:
            item["duty_amount_cny"] = item["vat_amount_cny"] = Decimal(0)
            item["applied_duty_rate"] = item["applied_rate_type"] = None
        item["consumption_amount_cny"] = Decimal(0)

    def _put_items(self, ts: datetime, only: dict | None = None) -> None:
        for item in self.items:
            if only is None or item is only:
                self.story.put("dec_item", (self.entry_id, item["g_no"]), ts, item)

    def _put_head(self, ts: datetime) -> None:
        self.head["total_value_cny"] = sum((i["cny_value"] for i in self.items), Decimal(0))
        self.head["dec_status"] = self.status
        self.story.put("dec_head", (self.entry_id,), ts, self.head)

    @property
    def duty_total(self) -> Decimal:
        return sum((i["duty_amount_cny"] for i in self.items), Decimal(0))

    @property
    def vat_total(self) -> Decimal:
        return sum((i["vat_amount_cny"] for i in self.items), Decimal(0))

    @property
    def dutiable(self) -> bool:
        return self.duty_total + self.vat_total > 0

    # workflow ------------------------------------------------------------------------------------------------
    def step(
        self,
        code: str,
        officer: str | None,
        section: Section | None,
        queued: datetime,
        start: datetime | None,
        end: datetime | None,
        result: str = "PASS",
    ) -> None:
        self.step_count += 1
        row = {
            "entry_id": self.entry_id,
            "step_seq": self.step_count,
            "step_code": code,
            "officer_id": officer,
            "section_unit_code": section.unit_code if section else None,
            "customs_code": self.head["declare_customs_code"],
            "queue_entered_ts": queued,
            "start_ts": None,
            "end_ts": None,
            "result_code": None,
            "is_manual": officer is not None,
            "remark": None,
        }
        key = (self.entry_id, self.step_count)
        waiting = start is None or start > queued  # in the queue, unclaimed: no officer yet
        self.story.put("dec_workflow", key, queued, {**row, "officer_id": None} if waiting else row)
        if start is not None:
            self.story.put("dec_workflow", key, start, {**row, "start_ts": start})
        if end is not None:
            self.story.put("dec_workflow", key, end, {**row, "start_ts": start, "end_ts": end, "result_code": result})

    def declare(self) -> datetime:
        """DECLARE and a passed E_REVIEW; returns the electronic pass time."""
        self._put_items(self.declare_ts)
        self._put_head(self.declare_ts)
        t = self.declare_ts
        self.step("DECLARE", None, None, t, t, t, "DONE")
        t += timedelta(minutes=1)
        self.step("E_REVIEW", None, None, t, t, t, "PASS")
        return t

    def mark(self, ts: datetime, status: str) -> None:
        self.status = status
        self._put_head(ts)

    def change(
        self, ts: datetime, item: dict | None, field_name: str, new: str, officer: str | None, source: str = "REVIEW"
    ) -> str:
        """A field change applied to an item or the header (values and taxes follow); returns the change_id."""
        target = self.head if item is None else item
        old = target[field_name]
        change_id = self.record(
            ts, item, field_name, format(old, "f") if isinstance(old, Decimal) else str(old), new, officer, source
        )
        target[field_name] = Decimal(new) if isinstance(old, Decimal) else new
        if item is not None:
            self._value(item)
            self._put_items(ts, only=item)
        self._put_head(ts)
        return change_id

    def record(
        self, ts: datetime, item: dict | None, field_name: str, old: str, new: str, officer: str | None, source: str
    ) -> str:
        """The dec_field_change row of one change; returns its change_id."""
        self.change_count += 1
        change_id = int(f"8{self.entry_id[4:]}{self.change_count:02d}")
        self.story.put(
            "dec_field_change",
            (change_id,),
            ts,
            {
                "change_id": change_id,
                "entry_id": self.entry_id,
                "g_no": None if item is None else item["g_no"],
                "field_name": field_name,
                "old_value": old,
                "new_value": new,
                "officer_id": officer,
                "change_ts": ts,
                "step_code": "MANUAL_REVIEW" if source in ("REVIEW", "SYSTEM") else None,
                "change_source": source,
            },
        )
        return str(change_id)

    # tax -----------------------------------------------------------------------------------------------------
    def issue_bills(self, ts: datetime, officer: str | None) -> list[dict]:
        bills = []
        for letter, amount in (("A", self.duty_total), ("L", self.vat_total)):
            if amount <= 0:
                continue
            bill = {
                "tax_bill_no": f"{self.entry_id}-{letter}01",
                "entry_id": self.entry_id,
                "tax_type": letter,
                "amount_cny": amount,
                "issue_ts": ts,
                "due_date": local(ts) + timedelta(days=15),
                "paid_ts": None,
                "written_off_ts": None,
                "payer_code": self.company["enterprise_code"],
                "payer_uscc": self.company["uscc"],
                "issuing_officer_id": officer,
                "status": "ISSUED",
                "cancel_officer_id": None,
                "cancel_ts": None,
                "replaced_by_bill_no": None,
            }
            self.story.put("tax_bill", (bill["tax_bill_no"],), ts, bill)
            bills.append(bill)
        self.bills.extend(bills)
        self.mark(ts, "TAXED")
        return bills

    def pay(self, ts: datetime) -> None:
        for bill in self.bills:
            if bill["paid_ts"] is None:
                bill.update(paid_ts=ts, status="PAID")
                self.story.put("tax_bill", (bill["tax_bill_no"],), ts, bill)

    def write_off(self, ts: datetime) -> None:
        for bill in self.bills:
            if bill["paid_ts"] is not None and bill["written_off_ts"] is None:
                bill["written_off_ts"] = ts
                self.story.put("tax_bill", (bill["tax_bill_no"],), ts, bill)

    def late_fee(self, ts: datetime, number: int = 1) -> dict:
        """The late-payment fee (滞纳金) of bills paid after their due date, assessed at ts."""
        days = max((local(b["paid_ts"]) - b["due_date"]).days for b in self.bills)
        overdue = sum((b["amount_cny"] for b in self.bills), Decimal(0))
        calc = money(overdue * FEE_RATE * days)
        fee = {
            "fee_id": f"PL{self.entry_id[4:]}{number}",
            "entry_id": self.entry_id,
            "fee_type": "PAY_LATE",
            "days_charged": days,
            "calc_amount_cny": calc,
            "levied_amount_cny": calc,
            "waived_amount_cny": Decimal(0),
            "waive_officer_id": None,
            "waive_ts": None,
            "waive_reason": None,
            "created_ts": ts,
        }
        self.story.put("late_fee", (fee["fee_id"],), ts, fee)
        return fee

    # the usual end of a declaration ---------------------------------------------------------------------------
    def review(self, rng: random.Random, passed: datetime, claimed_minutes: int = 20) -> tuple[datetime, datetime]:
        """A MANUAL_REVIEW by the story's reviewer ending with PASS at `passed`; returns (start, end)."""
        start = passed - timedelta(minutes=claimed_minutes)
        queued = start - minutes(rng, 1, 15)
        self.step("MANUAL_REVIEW", self.staff.reviewer, self.staff.clearance, queued, start, passed)
        self.mark(passed, "REVIEWED")
        return start, passed

    def accept(self, rng: random.Random, t: datetime) -> datetime:
        start = t + minutes(rng, 5, 20)
        end = start + minutes(rng, 3, 15)
        self.step("ACCEPT", self.staff.acceptor, self.staff.clearance, t, start, end)
        return end

    def tax(self, rng: random.Random, t: datetime, *, pay: bool = True) -> datetime:
        """TAX claimed right away, bills issued, paid and written off promptly; returns the write-off time."""
        start = t + minutes(rng, 2, 10)
        end = start + minutes(rng, 2, 8)
        self.step("TAX", self.staff.tax, self.staff.tariff, t, start, end)
        self.issue_bills(end, self.staff.tax)
        if not pay:
            return end
        paid = end + minutes(rng, 15, 60)
        self.pay(paid)
        written_off = paid + minutes(rng, 5, 30)
        self.write_off(written_off)
        return written_off

    def release(self, rng: random.Random, t: datetime) -> datetime:
        start = t + minutes(rng, 5, 20)
        end = start + minutes(rng, 1, 4)
        self.step("RELEASE", self.staff.releaser, self.staff.clearance, t, start, end)
        self.mark(end, "RELEASED")
        return end

    def clear(self, rng: random.Random, passed: datetime) -> datetime:
        """From a passed review: acceptance, tax when dutiable, release. Everything within ~3 working hours."""
        t = self.accept(rng, passed)
        if self.dutiable:
            t = self.tax(rng, t)
        return self.release(rng, t)


# --------------------------------------------------------------------------------------------- the day


@dataclass
class Plan:
    """What one story generator sees: the anchor day and its calendar, the story's own random stream, its customs,
    officers and enterprises."""

    anchor: date
    kind: int
    index: int
    bad: bool
    cal: Calendar
    rng: random.Random
    story: Story
    sub: str
    staff: Staff
    company: dict
    broker: dict

    def entry(self, declare_ts: datetime, **kwargs) -> Entry:
        offset = (self.anchor - local(declare_ts)).days
        seq = SEQ_BASE + (offset % 100) * 1000 + self.kind * 64 + self.index
        return Entry(self.story, self.sub, seq, declare_ts, self.company, self.broker, self.staff, **kwargs)

    def morning(self, d: date, lo: int = 10, hi: int = 150) -> datetime:
        return at(d, 8, 30) + minutes(self.rng, lo, hi)

    def goods_item(self, e: Entry, code: str, factor: tuple[float, float] = (0.9, 1.2)) -> dict:
        goods = GOODS[code]
        price = goods.price * Decimal(str(round(self.rng.uniform(*factor), 3)))
        return e.add_item(code, self.rng.randint(*goods.qty), price)

    def plain_entry(self, declare_ts: datetime, codes: list[str] | None = None, **kwargs) -> Entry:
        e = self.entry(declare_ts, **kwargs)
        for code in codes or [self.rng.choice(PLAIN_GOODS)]:
            self.goods_item(e, code)
        return e


def _traders(org: Organisation) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in org.enterprises:
        if e["enterprise_kind"] in ("trader", "both") and e["credit_class"] in GOOD_CLASSES and e["status"] == "active":
            out.setdefault(e["registered_customs_code"], []).append(e)
    return out


def generate(ctx: DayContext, out: Emit) -> None:
    """Reference snapshot, then every story whose anchor is near enough to the business day to deliver rows."""
    for table, row in reference_rows(ctx.biz_date, ctx.seed):
        out.write(table, row)
    org = ctx.org
    subordinates = sorted({s.subordinate_code for s in org.sections})
    district_of = {s.subordinate_code: s.district_code for s in org.sections}
    traders = _traders(org)
    for district in sorted(set(district_of.values())):
        for row in refund_traders(district):
            out.write("enterprise", row)
    n_bad = min(MAX_PER_KIND, max(1, ctx.preset.scenarios_per_day // 2))
    n_clean = min(MAX_PER_KIND, max(2, n_bad))
    for offset in range(-POST_DAYS, PRE_DAYS + 1):
        anchor = ctx.biz_date + timedelta(days=offset)
        cal = Calendar(anchor.year)
        for kind, build in enumerate(STORIES):
            for index in range(n_bad + n_clean):
                rng = random.Random(f"{STREAM}-{ctx.seed}-{anchor.isoformat()}-{kind}-{index}")
                sub = subordinates[(kind + index + anchor.toordinal()) % len(subordinates)]
                pool = traders[district_of[sub]]
                plan = Plan(
                    anchor,
                    kind,
                    index,
                    index < n_bad,
                    cal,
                    rng,
                    Story(anchor),
                    sub,
                    Staff.draw(org, sub, rng),
                    rng.choice(pool),
                    rng.choice(pool),
                )
                if build(plan) is False:
                    continue
                plan.story.deliver(ctx.biz_date, out.write)
                if anchor == ctx.biz_date:
                    for check, object_type, object_id, officer, note in plan.story.labels:
                        out.label(check, object_type, object_id, officer, note)


# --------------------------------------------------------------------------------------------- the stories
# Each returns False when the story does not exist for this anchor (e.g. a working-day scenario on a holiday).


def ap_tar_001(p: Plan) -> bool:
    """Reviewer reclassifies an item: to a lower-rate code (bad) or, correcting the declarant, to a higher one."""
    high, low = p.rng.choice(CODE_PAIRS)
    e = p.entry(p.morning(p.anchor))
    declared = high if p.bad else low
    # priced as the higher-rate goods they are, so the lower code's reference never calls the price low
    item = e.add_item(
        declared, p.rng.randint(*GOODS[declared].qty), GOODS[high].price * Decimal(p.rng.randint(90, 110)) / 100
    )
    p.goods_item(e, p.rng.choice(ZERO_DUTY_GOODS))
    passed = e.declare() + minutes(p.rng, 30, 90)
    start, _ = e.review(p.rng, passed, claimed_minutes=p.rng.randint(15, 40))
    change_id = e.change(start + minutes(p.rng, 5, 12), item, "code_ts", low if p.bad else high, p.staff.reviewer)
    e.clear(p.rng, passed)
    if p.bad:
        p.story.label("AP-TAR-001", "FIELD_CHANGE", change_id, p.staff.reviewer, f"code_ts {high} -> {low} on review")
    return True


def ap_tar_002(p: Plan) -> bool:
    """Reviewer changes a unit price: cut by 15-40 % (bad), cut by exactly 5 % or raised (clean); the system
    recomputes the total."""
    e = p.entry(p.morning(p.anchor))
    code = p.rng.choice(UNREFERENCED_GOODS)
    goods = GOODS[code]
    item = e.add_item(code, p.rng.randint(*goods.qty), goods.price * Decimal(p.rng.randint(95, 120)) / 100)
    passed = e.declare() + minutes(p.rng, 30, 90)
    start, _ = e.review(p.rng, passed, claimed_minutes=25)
    old = item["decl_price"]
    if p.bad:
        factor = Decimal(100 - p.rng.randint(15, 40)) / 100
    else:
        factor = Decimal("0.95") if p.index % 2 else Decimal(100 + p.rng.randint(5, 30)) / 100
    new = (old * factor).quantize(Decimal("0.0001"))
    assert new == old * factor, "prices carry two decimals, so a 5 % cut is exact"
    t = start + minutes(p.rng, 5, 15)
    old_total = item["decl_total"]
    change_id = e.change(t, item, "decl_price", format(new, "f"), p.staff.reviewer)
    e.record(t, item, "decl_total", format(old_total, "f"), format(item["decl_total"], "f"), None, "SYSTEM")
    e.clear(p.rng, passed)
    if p.bad:
        p.story.label("AP-TAR-002", "FIELD_CHANGE", change_id, p.staff.reviewer, f"decl_price {old} -> {new}")
    return True


def ap_tar_003(p: Plan) -> bool:
    """An import item far below its reference price passes manual review: unchallenged (bad); challenged, worth
    under 50,000 CNY, or exactly 30 % below (clean)."""
    e = p.entry(p.morning(p.anchor), origin=p.rng.choice(ORIGINS))
    code = p.rng.choice(["8471300000", "8517620000", "3901100000", "0901210000"])
    goods = GOODS[code]
    ref = reference_price(code, e.origin, goods.unit, local(e.declare_ts))
    assert ref is not None
    variant = "bad" if p.bad else ("challenged", "small", "boundary")[p.index % 3]
    if variant == "boundary":
        qty = 10 * max(goods.qty[0] // 10, 1)
        while ref * Decimal("0.7") * qty * USD_CNY < 60_000:
            qty *= 2
        item = e.add_item(code, qty, ref * Decimal("0.7"))
    elif variant == "small":
        price = ref * Decimal("0.5")
        qty = int(Decimal(49_000) / (price * USD_CNY))
        item = e.add_item(code, qty, price)
    else:
        price = ref * Decimal(p.rng.randint(40, 60)) / 100
        qty = max(p.rng.randint(*goods.qty), int(Decimal(60_000) / (price * USD_CNY)) + 1)
        item = e.add_item(code, qty, price)
    passed = e.declare() + minutes(p.rng, 60, 150)
    start, _ = e.review(p.rng, passed, claimed_minutes=50)
    if variant == "challenged":
        action_ts = start + minutes(p.rng, 5, 10)
        adjusted = p.index % 2 == 0
        final = ref * Decimal("0.95") if adjusted else item["decl_price"]
        p.story.put(
            "valuation_action",
            (f"VA{e.entry_id[4:]}{item['g_no']:02d}1",),
            passed - timedelta(minutes=5),
            {
                "action_id": f"VA{e.entry_id[4:]}{item['g_no']:02d}1",
                "entry_id": e.entry_id,
                "g_no": item["g_no"],
                "action_type": "CHALLENGE",
                "officer_id": p.staff.valuer,
                "action_ts": action_ts,
                "declared_unit_price": item["decl_price"],
                "final_unit_price": final.quantize(Decimal("0.0001")),
                "outcome": "ADJUSTED" if adjusted else "ACCEPT_DECLARED",
                "method": "SIMILAR" if adjusted else "TRANSACTION",
                "closed_ts": passed - timedelta(minutes=5),
            },
        )
        if adjusted:
            e._value(item, customs_unit_price=final)
            e._put_items(passed - timedelta(minutes=5), only=item)
    e.clear(p.rng, passed)
    if p.bad:
        p.story.label(
            "AP-TAR-003",
            "DEC_ITEM",
            f"{e.entry_id}/{item['g_no']}",
            p.staff.reviewer,
            f"USD {item['decl_price']} vs reference {ref}, no price challenge",
        )
    return True


def ap_tar_004(p: Plan) -> bool:
    """Reviewer switches the levy: to a reduced kind or an exempt item without a 征免税证明 (bad); the exemption of
    an entry quoting its certificate, or back to full duty (clean)."""
    variant = ("cut_mode", "duty_mode")[p.index % 2] if p.bad else ("certificate", "back_to_full")[p.index % 2]
    cert = None
    if variant == "certificate":
        cert = _certificate(p, slot=50 + p.index, apply_day=p.anchor - timedelta(days=p.rng.randint(30, 45)))
    e = p.entry(
        p.morning(p.anchor),
        trade_mode="2225",
        cut_mode="789" if cert else "101",
        manual_no=cert["cert_no"] if cert else None,
        origin=p.rng.choice(["DEU", "JPN", "KOR"]),
    )
    machine = p.goods_item(e, "8477800000", (0.95, 1.1))
    if variant == "back_to_full":
        machine["duty_mode"] = "3"
        e._value(machine)
    if variant == "cut_mode":
        p.goods_item(e, "8471300000")
    passed = e.declare() + minutes(p.rng, 30, 90)
    start, _ = e.review(p.rng, passed, claimed_minutes=30)
    t = start + minutes(p.rng, 5, 20)
    if variant == "cut_mode":
        change_id = e.change(t, None, "cut_mode", "403", p.staff.reviewer)
    else:
        change_id = e.change(t, machine, "duty_mode", "1" if variant == "back_to_full" else "3", p.staff.reviewer)
    e.clear(p.rng, passed)
    if p.bad:
        p.story.label("AP-TAR-004", "FIELD_CHANGE", change_id, p.staff.reviewer, f"{variant} switched to exemption")
    return True


def _certificate(p: Plan, slot: int, apply_day: date, decision_workdays: int | None = 5, assigned: bool = True) -> dict:
    """A 征免税证明 for the story's company, approved decision_workdays working days after filing (None: pending),
    assigned to the story's tax officer from filing unless told otherwise."""
    apply_ts = at(apply_day, 9, 0) + minutes(p.rng, 0, 360)
    cert_no = f"Z{p.sub}{p.anchor.year % 100:02d}{p.anchor.timetuple().tm_yday * 100 + slot:05d}"
    row = {
        "cert_no": cert_no,
        "enterprise_code": p.company["enterprise_code"],
        "cut_mode": "789",
        "project_code": f"P{p.anchor.year}{p.rng.randint(10_000, 99_999)}",
        "apply_ts": apply_ts,
        "approve_ts": None,
        "approve_officer_id": p.staff.tax if assigned else None,
        "valid_until": None,
        "amount_limit_cny": Decimal(p.rng.randint(3, 12) * 1_000_000),
        "hs_scope": ["84778000", "84713000"],
        "supervise_years": 5,
    }
    p.story.put("tax_exemption_cert", (cert_no,), apply_ts, row)
    if decision_workdays is not None:
        d = apply_day
        for _ in range(decision_workdays):
            d = Calendar.next_workday(d)
        approve(p, row, at(d, 10, 0) + minutes(p.rng, 0, 300))
    return row


def approve(p: Plan, cert: dict, ts: datetime) -> None:
    cert.update(
        approve_ts=ts,
        approve_officer_id=cert["approve_officer_id"] or p.staff.tax,
        valid_until=local(ts) + timedelta(days=183),
    )
    p.story.put("tax_exemption_cert", (cert["cert_no"],), ts, cert)


def ap_tar_005(p: Plan) -> bool:
    """A late-payment fee waived on the anchor day (bad; red from 10,000 CNY waived), or levied in full on a tax
    paid late that day (clean)."""
    rng = p.rng
    if p.bad:
        issue_day = p.anchor - timedelta(days=20 + rng.randint(0, 4))
        late_days = rng.randint(3, 4) if p.index % 2 else rng.randint(2, 4)
    else:
        issue_day = p.anchor - timedelta(days=15 + rng.randint(2, 5))
        late_days = (p.anchor - (issue_day + timedelta(days=15))).days
    red = p.bad and p.index % 2 == 1
    e = p.entry(p.morning(issue_day, 0, 60))
    code = rng.choice(ZERO_DUTY_GOODS)
    qty = GOODS[code].qty[1] * (60 if red else 1)
    e.add_item(code, qty, GOODS[code].price)
    t = e.accept(rng, e.declare())
    e.tax(rng, t, pay=False)
    paid = at(issue_day + timedelta(days=15 + late_days), 10, 0) + minutes(rng, 0, 240)
    e.pay(paid)
    fee = e.late_fee(paid + minutes(rng, 20, 40))
    e.write_off(paid + minutes(rng, 10, 30))
    e.release(rng, paid + timedelta(minutes=45))
    if p.bad:
        waived = fee["calc_amount_cny"] if red or rng.random() < 0.5 else money(fee["calc_amount_cny"] / 2)
        ts = at(p.anchor, 9, 30) + minutes(rng, 0, 360)
        fee.update(
            waived_amount_cny=waived,
            levied_amount_cny=fee["calc_amount_cny"] - waived,
            waive_officer_id=p.staff.tax,
            waive_ts=ts,
            waive_reason=rng.choice(["不可抗力", "银行系统故障", "企业经营困难"]),
        )
        p.story.put("late_fee", (fee["fee_id"],), ts, fee)
        p.story.label(
            "AP-TAR-005", "LATE_FEE", fee["fee_id"], p.staff.tax, f"waived {waived} of {fee['calc_amount_cny']}"
        )
    return True


def ap_tar_006(p: Plan) -> bool:
    """A manual review left open: first over 8 claimed working hours on the anchor, or over 16 hours unclaimed in
    the queue (bad, the unclaimed one charged to no officer); open at exactly 8 h, or claimed and closed in time
    (clean). Each is closed the next working day."""
    cal, rng = p.cal, p.rng
    if not cal.is_workday(p.anchor):
        return False
    prev, nxt = cal.prev_workday(p.anchor), cal.next_workday(p.anchor)
    if p.bad:
        variant = ("today", "yesterday", "unclaimed")[(p.index + p.anchor.toordinal()) % 3]
        if variant == "unclaimed" and prev.year != p.anchor.year:  # the queue time of last year would not count
            variant = "today"
    else:
        variant = ("exactly_8h", "quick")[p.index % 2]
    queued = None
    if variant == "yesterday":
        start = at(prev, 15, 0) + minutes(rng, 0, 120)
    elif variant == "today":
        start = at(p.anchor, 8, 31) + minutes(rng, 0, 44)
    elif variant == "unclaimed":
        queued = at(prev, 9, 0) + minutes(rng, 0, 29)  # 8-8.5 h by that evening, 17-17.5 h by the anchor's
        start = at(nxt, 9, 0) + minutes(rng, 0, 30)
    elif variant == "exactly_8h":
        start = at(p.anchor, 9, 30)
    else:
        start = p.morning(p.anchor, 30, 180)
    queued = queued or start - minutes(rng, 1, 10)
    e = p.plain_entry(queued - minutes(rng, 20, 60))
    e.declare()
    if variant == "quick":
        passed = start + minutes(rng, 20, 60)
    elif variant == "exactly_8h":
        passed = at(nxt, 8, 31) + minutes(rng, 0, 9)
    else:
        passed = max(start, at(nxt, 9, 0)) + minutes(rng, 20, 60)
    e.step("MANUAL_REVIEW", p.staff.reviewer, p.staff.clearance, queued, start, passed)
    e.mark(passed, "REVIEWED")
    e.clear(rng, passed)
    if variant == "unclaimed":
        hours = cal.wh(queued, at(p.anchor + timedelta(days=1), 0))
        p.story.label("AP-TAR-006", "ENTRY", e.entry_id, None, f"unclaimed {hours:.1f} h in the review queue")
    elif p.bad:
        hours = cal.wh(start, at(p.anchor + timedelta(days=1), 0))
        p.story.label("AP-TAR-006", "ENTRY", e.entry_id, p.staff.reviewer, f"review claimed {hours:.1f} h, still open")
    return True


def ap_tar_007(p: Plan) -> bool:
    """Tax bill after the review pass: first issued more than 4 working hours later (bad); exactly 4 h later, or
    across the evening (clean). The no-bill branch is left to the unit tests: it holds every day until the bill is
    issued, so a warehouse starting a day later would raise it again, unlabelled."""
    cal, rng = p.cal, p.rng
    if not cal.is_workday(p.anchor):
        return False
    prev = cal.prev_workday(p.anchor)
    variant = "issued_late" if p.bad else ("exactly_4h", "evening")[p.index % 2]
    if variant == "exactly_4h":
        passed = at(p.anchor, 9, 0) + minutes(rng, 0, 60)
    else:
        passed = at(prev, 15, 30) + minutes(rng, 0, 60)
    e = p.plain_entry(passed - minutes(rng, 60, 120), codes=[rng.choice(ZERO_DUTY_GOODS), "3901100000"])
    e.declare()
    e.review(rng, passed, claimed_minutes=30)
    accepted = e.accept(rng, passed)
    if variant == "issued_late":
        claimed = at(p.anchor, 13, 40) + minutes(rng, 0, 30)
    elif variant == "exactly_4h":
        claimed = passed + timedelta(hours=4) - timedelta(minutes=6)
    else:
        claimed = at(p.anchor, 8, 40) + minutes(rng, 0, 60)
    issued = claimed + timedelta(minutes=6)
    e.step("TAX", p.staff.tax, p.staff.tariff, accepted, claimed, issued)
    e.issue_bills(issued, p.staff.tax)
    paid = issued + minutes(rng, 20, 60)
    e.pay(paid)
    e.write_off(paid + minutes(rng, 5, 20))
    e.release(rng, paid + timedelta(minutes=25))
    if p.bad:
        hours = cal.wh(passed, issued)
        p.story.label(
            "AP-TAR-007", "ENTRY", e.entry_id, p.staff.tax, f"bill issued {hours:.1f} working hours after review"
        )
    return True


def ap_tar_008(p: Plan) -> bool:
    """Tax overdue: unpaid on the first overdue day, or paid late with no late-payment fee (bad); paid on the due
    date (clean). The unpaid one is paid two days later with its fee."""
    rng = p.rng
    variant = ("unpaid", "paid_late_no_fee")[(p.index + p.anchor.toordinal()) % 2] if p.bad else "paid_on_due_date"
    issue_day = p.anchor - timedelta(days={"unpaid": 16, "paid_late_no_fee": 15 + rng.randint(2, 4)}.get(variant, 15))
    e = p.plain_entry(p.morning(issue_day, 0, 90), codes=[rng.choice(ZERO_DUTY_GOODS)])
    t = e.accept(rng, e.declare())
    e.tax(rng, t, pay=False)
    bill = e.bills[0]
    if variant == "unpaid":
        paid = at(p.anchor + timedelta(days=rng.randint(1, 2)), 10, 0) + minutes(rng, 0, 240)
        e.pay(paid)
        e.late_fee(paid + minutes(rng, 15, 40))
    else:
        paid = at(p.anchor, 9, 30) + minutes(rng, 0, 330)
        e.pay(paid)
    e.write_off(paid + minutes(rng, 10, 30))
    e.release(rng, paid + timedelta(minutes=45))
    if p.bad:
        note = f"{variant}: due {bill['due_date']}"
        p.story.label("AP-TAR-008", "TAX_BILL", bill["tax_bill_no"], bill["issuing_officer_id"], note)
    return True


REFUND_TRADERS = 48  # AP-TAR-009's own importers, so refunds do not pile up on a few traders (MA-TAR-010)


def refund_traders(district: str) -> list[dict]:
    """The importers of the AP-TAR-009 stories: this module's own, written to the day's enterprise snapshot. With
    them the refunds of one day's delivery spread at most two to an enterprise."""
    return [
        module_enterprise(f"TVR{district}{k:03d}", f"退税测试进口有限公司{k:03d}", district, reg_date=date(2012, 1, 1))
        for k in range(REFUND_TRADERS)
    ]


def ap_tar_009(p: Plan) -> bool:
    """A refund application: undecided on day 30 (with or without an assigned approver), or decided on the anchor
    after more than 30 days (bad); decided within 30 days, exactly at 30 days, or still pending and decided a few
    days later (clean). The undecided one stays undecided: a late decision would raise the same refund again in a
    warehouse starting that day."""
    rng = p.rng
    traders = refund_traders(p.staff.clearance.district_code)
    p.company = traders[(p.anchor.toordinal() * 4 + p.index) % len(traders)]  # consecutive days, consecutive blocks
    if p.bad:
        variant = ("undecided", "decided_late", "unassigned")[(p.index + p.anchor.toordinal()) % 3]
        accept_day = p.anchor - timedelta(days=rng.randint(31, 33) if variant == "decided_late" else 30)
    else:
        variant = ("decided", "exactly_30", "pending")[p.index % 3]
        accept_day = p.anchor - timedelta(days={"decided": rng.randint(5, 25), "exactly_30": 30}.get(variant, 8))
    declared = p.morning(accept_day - timedelta(days=rng.randint(10, 40)), 0, 120)
    e = p.plain_entry(declared, codes=[rng.choice(ZERO_DUTY_GOODS)])
    e.clear(rng, e.declare())
    bill = e.bills[0]
    accept_ts = at(accept_day, 9, 30) + minutes(rng, 0, 360)
    refund = {
        "refund_id": f"TR{e.entry_id[4:]}1",
        "entry_id": e.entry_id,
        "tax_bill_no": bill["tax_bill_no"],
        "apply_ts": accept_ts - timedelta(days=rng.randint(1, 3), minutes=rng.randint(0, 120)),
        "accept_ts": None,
        "amount_cny": money(bill["amount_cny"] * Decimal(rng.randint(3, 20)) / 100),
        "reason_code": rng.choice(["01", "02", "03"]),
        "approve_officer_id": None,
        "decision": None,
        "decision_ts": None,
        "paid_ts": None,
    }
    key = (refund["refund_id"],)
    p.story.put("tax_refund", key, refund["apply_ts"], refund)
    refund.update(accept_ts=accept_ts, approve_officer_id=None if variant == "unassigned" else p.staff.tax)
    p.story.put("tax_refund", key, accept_ts, refund)
    if variant == "unassigned":  # charged to the tax section: no officer
        p.story.label("AP-TAR-009", "TAX_REFUND", refund["refund_id"], None, f"undecided, unassigned: {accept_day}")
        return True
    if variant == "undecided":
        p.story.label("AP-TAR-009", "TAX_REFUND", refund["refund_id"], p.staff.tax, f"undecided: accepted {accept_day}")
        return True
    if variant == "exactly_30":
        decided = accept_ts + timedelta(days=30)
    elif variant == "pending":
        decided = at(p.anchor + timedelta(days=3), 10, 0)
    else:
        decided = at(p.anchor, 9, 0) + minutes(rng, 0, 420)
    refund.update(decision="APPROVED", decision_ts=decided)
    p.story.put("tax_refund", key, decided, refund)
    refund["paid_ts"] = decided + timedelta(days=1)
    p.story.put("tax_refund", key, refund["paid_ts"], refund)
    if p.bad:
        p.story.label(
            "AP-TAR-009", "TAX_REFUND", refund["refund_id"], p.staff.tax, f"decided late: accepted {accept_day}"
        )
    return True


def ap_tar_010(p: Plan) -> bool:
    """An entry released 11 months before the anchor with a price adjusted upwards after release: no tax supplement
    (bad); supplemented, or the declared price accepted (clean)."""
    rng = p.rng
    limit = p.anchor + timedelta(days=30)
    try:
        release_day = limit.replace(year=limit.year - 1)
    except ValueError:  # 29 February: no release date warns on this anchor
        return False
    e = p.entry(p.morning(release_day, 0, 120), origin=rng.choice(ORIGINS))
    item = p.goods_item(e, rng.choice(["6403990000", "9403200000", "8517620000"]))
    e.clear(rng, e.declare())
    variant = "unsupplemented" if p.bad else ("supplemented", "accepted")[p.index % 2]
    action_ts = at(release_day + timedelta(days=rng.randint(40, 120)), 10, 0) + minutes(rng, 0, 300)
    final = item["decl_price"] * Decimal(rng.randint(115, 140)) / 100 if variant != "accepted" else item["decl_price"]
    action_id = f"VA{e.entry_id[4:]}{item['g_no']:02d}2"
    p.story.put(
        "valuation_action",
        (action_id,),
        action_ts,
        {
            "action_id": action_id,
            "entry_id": e.entry_id,
            "g_no": item["g_no"],
            "action_type": "DECISION",
            "officer_id": p.staff.valuer,
            "action_ts": action_ts,
            "declared_unit_price": item["decl_price"],
            "final_unit_price": final.quantize(Decimal("0.0001")),
            "outcome": "ACCEPT_DECLARED" if variant == "accepted" else "ADJUSTED",
            "method": "TRANSACTION" if variant == "accepted" else "SIMILAR",
            "closed_ts": action_ts,
        },
    )
    if variant == "supplemented":
        decided = action_ts + timedelta(days=rng.randint(7, 30))
        shortfall = (final - item["decl_price"]) * item["g_qty"] * USD_CNY * Decimal("0.13")
        supp_id = f"TS{e.entry_id[4:]}1"
        p.story.put(
            "tax_supplement",
            (supp_id,),
            decided,
            {
                "supp_id": supp_id,
                "entry_id": e.entry_id,
                "supp_type": "SUPPLEMENT",
                "amount_cny": money(shortfall),
                "decided_officer_id": p.staff.tax,
                "decide_ts": decided,
                "basis": "VALUATION",
                "related_audit_id": None,
            },
        )
    if p.bad:
        p.story.label("AP-TAR-010", "ENTRY", e.entry_id, p.staff.valuer, f"released {release_day}, no supplement")
    return True


def _guarantee_entry(p: Plan, day: date, due_days: int, *, challenge: bool = False) -> tuple[Entry, dict, dict | None]:
    """An import released against a guarantee (price or classification pending); with a price challenge on its
    first item when asked. Returns the entry, the guarantee and the challenge."""
    rng = p.rng
    e = p.entry(
        p.morning(day, 0, 90),
        tax_payment_mode="GUARANTEE",
        guarantee_release=True,
        origin=rng.choice(ORIGINS),
    )
    code = rng.choice(["8471300000", "3901100000", "0901210000"]) if challenge else rng.choice(PLAIN_GOODS)
    item = p.goods_item(e, code, (0.55, 0.65) if challenge else (0.9, 1.2))
    passed = e.declare() + minutes(rng, 40, 120)
    start, _ = e.review(rng, passed, claimed_minutes=35)
    action = None
    if challenge:
        action = {
            "action_id": f"VA{e.entry_id[4:]}{item['g_no']:02d}1",
            "entry_id": e.entry_id,
            "g_no": item["g_no"],
            "action_type": "CHALLENGE",
            "officer_id": p.staff.valuer,
            "action_ts": start + minutes(rng, 5, 15),
            "declared_unit_price": item["decl_price"],
            "final_unit_price": None,
            "outcome": None,
            "method": None,
            "closed_ts": None,
        }
        p.story.put("valuation_action", (action["action_id"],), action["action_ts"], action)
    accepted = e.accept(rng, passed)
    accept_ts = accepted + minutes(rng, 5, 20)
    guarantee = {
        "guar_id": f"GT{e.entry_id[4:]}1",
        "entry_id": e.entry_id,
        "guar_type": rng.choice(["DEPOSIT", "BANK_LETTER"]),
        "reason_code": "02" if challenge else rng.choice(["01", "02"]),
        "amount_cny": money((e.duty_total + e.vat_total) * Decimal("1.5")),
        "accept_officer_id": p.staff.tax,
        "accept_ts": accept_ts,
        "due_date": day + timedelta(days=due_days),
        "extension_approved": False,
        "released_ts": None,
        "release_officer_id": None,
        "outcome": "PENDING",
    }
    p.story.put("guarantee", (guarantee["guar_id"],), accept_ts, guarantee)
    e.release(p.rng, accept_ts)
    return e, guarantee, action


def _settle_guarantee(p: Plan, e: Entry, guarantee: dict, ts: datetime, convert: bool) -> None:
    if convert:  # duties assessed, paid out of the guarantee and posted at once
        e.issue_bills(ts, p.staff.tax)
        e.pay(ts + timedelta(minutes=5))
        e.write_off(ts + timedelta(minutes=20))
        e.mark(ts + timedelta(minutes=20), "RELEASED")
    guarantee.update(
        released_ts=ts,
        release_officer_id=p.staff.tax,
        outcome="CONVERTED_TO_TAX" if convert else "RELEASED",
    )
    p.story.put("guarantee", (guarantee["guar_id"],), ts, guarantee)


def ap_tar_011(p: Plan) -> bool:
    """A guarantee: still pending the day after its due date (bad, converted to tax later); settled on its due date
    or before it (clean)."""
    rng = p.rng
    if p.bad:
        accept_day = p.anchor - timedelta(days=91)
        e, guarantee, _ = _guarantee_entry(p, accept_day, due_days=90)
        settle = at(p.anchor + timedelta(days=rng.randint(1, 3)), 10, 0)
        _settle_guarantee(p, e, guarantee, settle, convert=True)
        p.story.label("AP-TAR-011", "GUARANTEE", guarantee["guar_id"], p.staff.tax, f"due {guarantee['due_date']}")
    elif p.index % 2:
        e, guarantee, _ = _guarantee_entry(p, p.anchor - timedelta(days=90), due_days=90)
        _settle_guarantee(p, e, guarantee, at(p.anchor, 14, 0) + minutes(rng, 0, 120), convert=False)
    else:
        e, guarantee, _ = _guarantee_entry(p, p.anchor - timedelta(days=rng.randint(20, 60)), due_days=90)
        _settle_guarantee(p, e, guarantee, at(p.anchor + timedelta(days=rng.randint(1, 5)), 10, 0), convert=False)
    return True


def ap_tar_012(p: Plan) -> bool:
    """A price challenge on a guarantee release: still open on its 15th working day (bad); open on its 14th and
    closed the next day, or closed within days (clean). Closing adjusts the price and converts the guarantee."""
    cal, rng = p.cal, p.rng
    if not cal.is_workday(p.anchor):
        return False
    variant = "open_15" if p.bad else ("open_14", "closed")[p.index % 2]
    workdays = {"open_15": 15, "open_14": 14}.get(variant, rng.randint(3, 8))
    day = cal.workday_back(p.anchor, workdays)
    if day is None:  # early January: the calendar snapshot holds this year only
        return False
    e, guarantee, action = _guarantee_entry(p, day, due_days=90, challenge=True)
    assert action is not None
    if variant == "open_15":
        closed = at(p.anchor + timedelta(days=1), 10, 0) + minutes(rng, 0, 120)
    elif variant == "open_14":
        closed = at(p.anchor + timedelta(days=1), 9, 0) + minutes(rng, 0, 60)
    else:
        closed = at(p.anchor, 10, 0) + minutes(rng, 0, 240)
    item = e.items[0]
    ref = reference_price(item["code_ts"], e.origin, item["g_unit"], local(e.declare_ts)) or item["decl_price"]
    final = (ref * Decimal(rng.randint(95, 100)) / 100).quantize(Decimal("0.0001"))
    action.update(final_unit_price=final, outcome="ADJUSTED", method="SIMILAR", closed_ts=closed)
    p.story.put("valuation_action", (action["action_id"],), closed, action)
    e._value(item, customs_unit_price=final)
    e._put_items(closed, only=item)
    _settle_guarantee(p, e, guarantee, closed + timedelta(minutes=30), convert=True)
    if p.bad:
        p.story.label("AP-TAR-012", "VALUATION_ACTION", action["action_id"], p.staff.valuer, f"challenge of {day}")
    return True


def ap_tar_013(p: Plan) -> bool:
    """Tax paid but not written off (核注) by the end of the day, the goods held (bad): the bill issued at the TAX
    step (charged to its officer) or automatically with no TAX step (charged to the tax section, no officer). The
    bill is issued when the review passes and paid before the field acceptance (现场接单), which waits for the
    posting: written off the next working day, then accepted and released - so the entry is never "ready and not
    released" (AP-CLR-012)."""
    cal, rng = p.cal, p.rng
    if not (p.bad and cal.is_workday(p.anchor)):
        return False
    variant = ("tax_step", "auto_issued")[(p.index + p.anchor.toordinal()) % 2]
    e = p.plain_entry(p.morning(p.anchor, 10, 60), codes=[rng.choice(ZERO_DUTY_GOODS)])
    passed = e.declare()
    if variant == "tax_step":
        e.tax(rng, passed, pay=False)
    else:
        e.issue_bills(passed + minutes(rng, 5, 15), None)
    paid = e.bills[0]["issue_ts"] + minutes(rng, 20, 120)
    e.pay(paid)
    written_off = at(cal.next_workday(p.anchor), 8, 45) + minutes(rng, 0, 40)
    e.write_off(written_off)
    e.release(rng, e.accept(rng, written_off))
    bill = e.bills[0]
    officer = p.staff.tax if variant == "tax_step" else None
    p.story.label("AP-TAR-013", "TAX_BILL", bill["tax_bill_no"], officer, f"paid {paid:%H:%M}, not written off")
    return True


def ap_tar_014(p: Plan) -> bool:
    """An exemption certificate: undecided on the 11th working day (approver assigned or not), or approved after
    more than 10 (bad); approved after exactly 10, quickly, or still pending inside the limit (clean). The undecided
    one stays undecided: a late approval would raise the same certificate again in a warehouse starting that day."""
    cal, rng = p.cal, p.rng
    if not cal.is_workday(p.anchor):
        return False
    if p.bad:
        variant = ("undecided", "approved_late", "unassigned")[(p.index + p.anchor.toordinal()) % 3]
        apply_day = cal.workday_back(p.anchor, 11)
        if apply_day is None:
            return False
        # unassigned: nobody picked the file up yet, so the exemption section answers (no officer)
        assigned = variant != "unassigned"
        cert = _certificate(p, slot=p.index, apply_day=apply_day, decision_workdays=None, assigned=assigned)
        if variant == "approved_late":
            approve(p, cert, at(p.anchor, 10, 0) + minutes(rng, 0, 300))
        officer = p.staff.tax if assigned else None
        p.story.label("AP-TAR-014", "EXEMPTION_CERT", cert["cert_no"], officer, f"{variant}: filed {apply_day}")
        return True
    variant = ("exactly_10", "quick", "pending")[p.index % 3]
    workdays = {"exactly_10": 10, "quick": rng.randint(2, 6)}.get(variant, 3)
    apply_day = cal.workday_back(p.anchor, workdays)
    if apply_day is None:
        return False
    cert = _certificate(p, slot=p.index, apply_day=apply_day, decision_workdays=None)
    if variant == "pending":
        approve(p, cert, at(cal.next_workday(cal.next_workday(p.anchor)), 11, 0))
    else:
        approve(p, cert, at(p.anchor, 10, 0) + minutes(rng, 0, 300))
    return True


STORIES: list[Callable[[Plan], bool]] = [
    ap_tar_001,
    ap_tar_002,
    ap_tar_003,
    ap_tar_004,
    ap_tar_005,
    ap_tar_006,
    ap_tar_007,
    ap_tar_008,
    ap_tar_009,
    ap_tar_010,
    ap_tar_011,
    ap_tar_012,
    ap_tar_013,
    ap_tar_014,
]
