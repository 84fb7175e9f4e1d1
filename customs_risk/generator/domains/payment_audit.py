"""Payment-certificate audit (海关缴款书稽核, plug-in pack payment_audit): copy 1, copy 4, match results, rechecks.

Background, for the import VAT (L) bills the core declarations paid (the first BACKGROUND_CAP declarations of a
day with no scenario kind, rebuilt with clearance.py's own builder, as its export closing does):
  * copy 4 (第四联): customs transmits every bill paid on day X that evening (delivered on X);
  * copy 1 (第一联): 85 % of the payers collect their certificate 1–MAX_LAG days later (delivered on the collection
    day, audit month = the collection month), always correctly, so it matches;
  * vat_cert_match_result: on the last day of a month the tax side's month-end run gives MATCH to every claim
    collected that month (generated 22:00).

Scenarios are *stories* in the manner of tax_valuation: a story anchored on day D delivers on D every row it needs,
older parts included (copy 4 transmitted months ago, an earlier audit month's results, the declaration and its
bills), and labels its bad case(s) on D. Results are final at the end of their audit month, so the stories place
the month that fires in a month that has ended. Customs-caused stories other than PA-012's sit four or more months
back, outside PA-012's look-back, so that they never add up to a PA-012 alert of their own.

Keys: the stories' declarations (and the certificate numbers of stories without a declaration) use entry-id
sequence numbers 960000–969999 (960000 + kind * 400 + day-of-month(D) * 10 + index; the PA-012 story from 966800);
recheck applications are PAY<date><kind>.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from customs_risk.generator.clearance import Emit, _basics, _build, _stream, build_world, day_plan
from customs_risk.generator.context import DayContext
from customs_risk.generator.domains.operations import Builder, Declaration

TZ = ZoneInfo("Asia/Shanghai")
STREAM = "payment_audit"
SEQ_BASE = 960_000  # + kind * 400 + day-of-month * 10 + index: up to 966719
SHARE_SEQ_BASE = 966_800  # the PA-012 story's block: + day-of-month * 32 + index, up to 967823
BACKGROUND_CAP = 400  # declarations of a day whose VAT bills get copies (keeps the national preset cheap)
MAX_LAG = 20  # days from payment to the taxpayer's collection of copy 1
CLAIM_SHARE = 0.85  # payers that deduct (general VAT taxpayers)
PA012_SHARE = 0.025  # PA-012 story: share of the customs' day of bills bent (threshold 0.01)
PA012_MIN_N = 20


def _at(day: date, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm, ss), TZ)


def _month(d: date, delta: int = 0) -> date:
    """First day of the month `delta` months from d's month."""
    n = d.year * 12 + d.month - 1 + delta
    return date(n // 12, n % 12 + 1, 1)


def _month_end(d: date) -> date:
    return _month(d, 1) - timedelta(days=1)


def _claim_key(cert_no: str, payer: str, collect_ts: datetime) -> str:
    return f"{cert_no}|{payer}|{collect_ts.astimezone(TZ):%Y%m%d%H%M%S}"


# --- background --------------------------------------------------------------------------------------------------


_WORLDS: dict[tuple[str, int], object] = {}


def _get_world(ctx: DayContext):
    key = (ctx.preset.name, ctx.seed)
    if key not in _WORLDS:
        _WORLDS[key] = build_world(ctx.org, ctx.preset, ctx.seed)
    return _WORLDS[key]


_BILLS: dict[tuple[str, int, date], tuple[dict, ...]] = {}


def paid_vat_bills(ctx: DayContext, day: date) -> tuple[dict, ...]:
    """The PAID import-VAT bills of the core's clean declarations of `day` (as the core wrote them that day)."""
    key = (ctx.preset.name, ctx.seed, day)
    if key not in _BILLS:
        w = _get_world(ctx)
        plan = day_plan(w, day)
        bills = []
        for seq in range(min(BACKGROUND_CAP, ctx.preset.declarations_per_day)):
            if plan.get(seq) is not None:
                continue
            if _basics(_stream(w, day, seq), w.preset, None, w.vessels).ie != "I":
                continue
            for bill in _build(w, day, seq, None, day).tax_bills:
                if bill["tax_type"] == "L" and bill["status"] == "PAID" and bill["paid_ts"] is not None:
                    bills.append(bill)
        _BILLS[key] = tuple(bills)
    return _BILLS[key]


def _transmitted(bill: dict, rng: random.Random) -> datetime:
    posted = bill["written_off_ts"] or bill["paid_ts"]
    local_day = posted.astimezone(TZ).date()
    ts = min(posted + timedelta(minutes=rng.uniform(20, 180)), _at(local_day, 23, 50))
    return max(ts, posted + timedelta(minutes=1)).replace(microsecond=0)


def _copy4_row(bill: dict, transmitted_ts: datetime, **changes) -> dict:
    row = {
        "cert_no": bill["tax_bill_no"],
        "payer_uscc": bill["payer_uscc"],
        "fill_date": bill["issue_ts"].astimezone(TZ).date(),
        "tax_amount": bill["amount_cny"],
        "written_off_ts": bill["written_off_ts"],
        "transmitted_ts": transmitted_ts,
        "customs_code": bill["tax_bill_no"][:4],
        "last_update_ts": transmitted_ts,
    }
    row.update(changes)
    return row


def _claim_row(cert_no, payer, fill_date, amount, collect_ts, audit_month=None, **extra) -> dict:
    collect_ts = collect_ts.replace(microsecond=0)
    return {
        "cert_no": cert_no,
        "payer_uscc": payer,
        "payer_uscc_2": extra.get("payer_uscc_2"),
        "fill_date": fill_date,
        "tax_amount": amount,
        "collect_ts": collect_ts,
        "audit_month": audit_month or _month(collect_ts.astimezone(TZ).date()),
        "source": extra.get("source", "TAXPAYER"),
        "original_verified_correct": extra.get("original_verified_correct"),
        "last_update_ts": extra.get("last_update_ts", collect_ts),
    }


def _result_row(cert_no, payer, audit_month: date, result: str, fields=None) -> dict:
    return {
        "cert_no": cert_no,
        "payer_uscc": payer,
        "audit_month": audit_month,
        "result": result,
        "mismatch_fields": fields,
        "generated_ts": _at(_month_end(audit_month), 22, 0),
    }


def background_claims(ctx: DayContext, day: date) -> list[dict]:
    """Copy-1 claims the taxpayers collect on `day` for bills paid 1..MAX_LAG days earlier."""
    claims = []
    for lag in range(1, MAX_LAG + 1):
        for bill in paid_vat_bills(ctx, day - timedelta(days=lag)):
            r = random.Random(f"{STREAM}-claim-{ctx.seed}-{bill['tax_bill_no']}")
            if r.random() >= CLAIM_SHARE or r.randint(1, MAX_LAG) != lag:
                continue
            collect = _at(day, 9) + timedelta(seconds=r.randint(0, 8 * 3600))
            claims.append(
                _claim_row(
                    bill["tax_bill_no"],
                    bill["payer_uscc"],
                    bill["issue_ts"].astimezone(TZ).date(),
                    bill["amount_cny"],
                    collect,
                )
            )
    return claims


def _background(ctx: DayContext, out: Emit) -> None:
    day = ctx.biz_date
    rng = ctx.rng(f"{STREAM}-copy4")
    for bill in paid_vat_bills(ctx, day):
        out.write("vat_cert_copy4", _copy4_row(bill, _transmitted(bill, rng)))
    for claim in background_claims(ctx, day):
        out.write("vat_cert_copy1", claim)
    if day == _month_end(day):  # the tax side's month-end run: every clean claim of the month matches
        d = day.replace(day=1)
        while d <= day:
            for claim in background_claims(ctx, d):
                out.write(
                    "vat_cert_match_result", _result_row(claim["cert_no"], claim["payer_uscc"], _month(d), "MATCH")
                )
            d += timedelta(days=1)


# --- stories ------------------------------------------------------------------------------------------------------

K_MISMATCH, K_PENDING, K_MISSING_CUSTOMS, K_MISSING_FORGED, K_DUPLICATE, K_HISTORICAL = 1, 2, 3, 4, 5, 6
K_NO_RECHECK, K_CANCELLED, K_COPY4_DIFFERS, K_NOT_CONSIGNEE, K_LATE_COLLECT, K_BAD_NUMBER = 7, 8, 9, 10, 11, 12
K_SHARE, K_RECHECK_OK, K_LATE_COLLECT_NEAR, K_NO_RECHECK_NEAR = 13, 14, 15, 16


class Stories:
    def __init__(self, ctx: DayContext, out: Emit):
        self.ctx, self.out, self.day = ctx, out, ctx.biz_date
        self.subs = sorted({s.subordinate_code for s in ctx.org.sections})
        self.payers = sorted(
            (e for e in ctx.org.enterprises if e["status"] == "active"), key=lambda e: e["enterprise_code"]
        )

    def seq(self, kind: int, index: int = 0) -> int:
        if kind == K_SHARE:  # its own block: up to 32 declarations a day
            assert index < 32
            return SHARE_SEQ_BASE + self.day.day * 32 + index
        assert index < 10
        return SEQ_BASE + kind * 400 + self.day.day * 10 + index

    def rng(self, kind: int, index: int = 0) -> random.Random:
        return random.Random(f"{STREAM}-{self.ctx.seed}-{self.day.isoformat()}-{kind}-{index}")

    def cert_no(self, kind: int, fill: date, index: int = 0) -> str:
        """A well-formed VAT certificate number with no declaration behind it."""
        sub = self.subs[self.seq(kind, index) % len(self.subs)]
        return f"{sub}{fill.year}1{fill.timetuple().tm_yday:03d}{self.seq(kind, index):06d}-L01"

    def payer(self, rng: random.Random, avoid: tuple[str, ...] = ()) -> dict:
        return rng.choice([e for e in self.payers if e["uscc"] not in avoid])

    def declaration(self, kind: int, day: date, index: int = 0, sub: str | None = None) -> tuple[Builder, Declaration]:
        """A clean taxed import declaration of this module on `day` (in customs `sub` if given), not yet written."""
        b = Builder(DayContext(day, self.ctx.preset, self.ctx.seed, self.ctx.org), self.rng(kind, index))
        if sub is not None:
            b.subordinates = [sub]
        b.seq = self.seq(kind, index)
        d = b.declaration("I", dutiable=True)
        return b, d

    def vat(self, d: Declaration) -> dict:
        return next(x for x in d.tax_bills if x["tax_type"] == "L")

    def write(self, table: str, row: dict) -> None:
        self.out.write(table, row)

    def label(self, code: str, object_type: str, object_id: str, officer: str | None, note: str) -> None:
        self.out.label(code, object_type, object_id, officer, note)


def _mismatch(s: Stories) -> None:
    """PA-001: the taxpayer keyed the amount wrongly; final MISMATCH in last month's run (no customs cause)."""
    rng, pm = s.rng(K_MISMATCH), _month(s.day, -1)
    fill = pm + timedelta(days=2)
    cert, payer = s.cert_no(K_MISMATCH, fill), s.payer(rng)
    amount = Decimal(rng.randint(20_000, 400_000)) / 100
    transmitted = _at(fill, 19, rng.randint(0, 59))
    s.write(
        "vat_cert_copy4",
        {
            "cert_no": cert, "payer_uscc": payer["uscc"], "fill_date": fill, "tax_amount": amount,
            "written_off_ts": transmitted - timedelta(hours=2), "transmitted_ts": transmitted,
            "customs_code": cert[:4], "last_update_ts": transmitted,
        },
    )  # fmt: skip
    claim = _claim_row(cert, payer["uscc"], fill, amount + Decimal("90.00"), _at(pm + timedelta(days=11), 10, 17))
    s.write("vat_cert_copy1", claim)
    s.write("vat_cert_match_result", _result_row(cert, payer["uscc"], pm, "MISMATCH", ["tax_amount"]))
    key = _claim_key(cert, payer["uscc"], claim["collect_ts"])
    s.label("PA-001", "CERT_CLAIM", key, None, "copy 1 amount keyed 90.00 too high; copy 4 correct")


def _pending(s: Stories) -> None:
    """PA-002: paid bill, copy 4 transmitted only next month: the claim is PENDING at its month end, then matches."""
    rng, month = s.rng(K_PENDING), _month(s.day, -5)
    fill = month + timedelta(days=2)
    b, d = s.declaration(K_PENDING, fill)
    b.tax(d)
    b.release(d)
    d.write(s.out, "RELEASED")
    bill = s.vat(d)
    transmitted = _at(_month(fill, 1) + timedelta(days=5), 20, rng.randint(0, 59))
    s.write("vat_cert_copy4", _copy4_row(bill, transmitted))
    claim = _claim_row(
        bill["tax_bill_no"], bill["payer_uscc"], fill, bill["amount_cny"], _at(month + timedelta(days=19), 14, 5)
    )
    s.write("vat_cert_copy1", claim)
    s.write("vat_cert_match_result", _result_row(bill["tax_bill_no"], bill["payer_uscc"], month, "PENDING"))
    s.write("vat_cert_match_result", _result_row(bill["tax_bill_no"], bill["payer_uscc"], _month(month, 1), "MATCH"))
    key = _claim_key(bill["tax_bill_no"], bill["payer_uscc"], claim["collect_ts"])
    s.label("PA-002", "CERT_CLAIM_MONTH", f"{key}|{month:%Y-%m}", None, "copy 4 sent 33 days after payment")


def _missing(s: Stories) -> None:
    """PA-003 twice: a paid bill customs never transmitted, and a number with no bill at all (possible forgery)."""
    month = _month(s.day, -6)
    fill = month + timedelta(days=4)
    b, d = s.declaration(K_MISSING_CUSTOMS, fill)
    b.tax(d)
    b.release(d)
    d.write(s.out, "RELEASED")
    bill = s.vat(d)
    collect = _at(_month(month, 2) + timedelta(days=9), 11, 3)  # collected late: k = 2 straight away
    claim = _claim_row(bill["tax_bill_no"], bill["payer_uscc"], fill, bill["amount_cny"], collect)
    s.write("vat_cert_copy1", claim)
    s.write("vat_cert_match_result", _result_row(bill["tax_bill_no"], bill["payer_uscc"], _month(month, 2), "MISSING"))
    key = _claim_key(bill["tax_bill_no"], bill["payer_uscc"], claim["collect_ts"])
    s.label("PA-003", "CERT_CLAIM", key, None, "paid bill, copy 4 never transmitted (customs)")

    rng = s.rng(K_MISSING_FORGED)
    fill = _month(s.day, -4) + timedelta(days=6)
    cert, payer = s.cert_no(K_MISSING_FORGED, fill), s.payer(rng)
    amount = Decimal(rng.randint(50_000, 900_000)) / 100
    claim = _claim_row(cert, payer["uscc"], fill, amount, _at(_month(s.day, -1) + timedelta(days=7), 15, 40))
    s.write("vat_cert_copy1", claim)
    s.write("vat_cert_match_result", _result_row(cert, payer["uscc"], _month(s.day, -1), "MISSING"))
    s.label("PA-003", "CERT_CLAIM", _claim_key(cert, payer["uscc"], claim["collect_ts"]), None, "no bill: forged?")


def _duplicate(s: Stories) -> None:
    """PA-004: two taxpayers claim one certificate (no second payer declared); one claim equals copy 4."""
    rng, pm = s.rng(K_DUPLICATE), _month(s.day, -1)
    fill = pm + timedelta(days=1)
    cert = s.cert_no(K_DUPLICATE, fill)
    owner = s.payer(rng)
    other = s.payer(rng, avoid=(owner["uscc"],))
    amount = Decimal(rng.randint(20_000, 600_000)) / 100
    transmitted = _at(fill, 20, 11)
    s.write(
        "vat_cert_copy4",
        {
            "cert_no": cert, "payer_uscc": owner["uscc"], "fill_date": fill, "tax_amount": amount,
            "written_off_ts": transmitted - timedelta(hours=3), "transmitted_ts": transmitted,
            "customs_code": cert[:4], "last_update_ts": transmitted,
        },
    )  # fmt: skip
    for n, e in enumerate((owner, other)):
        s.write(
            "vat_cert_copy1", _claim_row(cert, e["uscc"], fill, amount, _at(pm + timedelta(days=9 + 2 * n), 10, 30))
        )
        s.write("vat_cert_match_result", _result_row(cert, e["uscc"], pm, "DUPLICATE"))
    s.label("PA-004", "CERT", cert, None, "claimed by the payer and by a second taxpayer")


def _historical(s: Stories) -> None:
    """PA-005: a certificate matched two months ago is submitted for deduction again last month."""
    rng, m2, pm = s.rng(K_HISTORICAL), _month(s.day, -2), _month(s.day, -1)
    fill = m2 + timedelta(days=3)
    cert, payer = s.cert_no(K_HISTORICAL, fill), s.payer(rng)
    amount = Decimal(rng.randint(20_000, 600_000)) / 100
    transmitted = _at(fill, 18, 45)
    s.write(
        "vat_cert_copy4",
        {
            "cert_no": cert, "payer_uscc": payer["uscc"], "fill_date": fill, "tax_amount": amount,
            "written_off_ts": transmitted - timedelta(hours=1), "transmitted_ts": transmitted,
            "customs_code": cert[:4], "last_update_ts": transmitted,
        },
    )  # fmt: skip
    first = _claim_row(cert, payer["uscc"], fill, amount, _at(m2 + timedelta(days=14), 9, 12))
    again = _claim_row(cert, payer["uscc"], fill, amount, _at(pm + timedelta(days=8), 16, 2))
    for claim, month, result in ((first, m2, "MATCH"), (again, pm, "HISTORICAL_MATCH")):
        s.write("vat_cert_copy1", claim)
        s.write("vat_cert_match_result", _result_row(cert, payer["uscc"], month, result))
    s.label("PA-005", "CERT_CLAIM", _claim_key(cert, payer["uscc"], again["collect_ts"]), None, "matched before")


def _mismatch_story(s: Stories, kind: int, result_month: date, apply_day: int | None) -> tuple[str, dict, str]:
    """A taxpayer fill-date typo, MISMATCH at the end of result_month; a recheck on day apply_day after it."""
    rng = s.rng(kind)
    fill = result_month + timedelta(days=1)
    cert, payer = s.cert_no(kind, fill), s.payer(rng)
    amount = Decimal(rng.randint(20_000, 600_000)) / 100
    transmitted = _at(fill, 19, 2)
    s.write(
        "vat_cert_copy4",
        {
            "cert_no": cert, "payer_uscc": payer["uscc"], "fill_date": fill, "tax_amount": amount,
            "written_off_ts": transmitted - timedelta(hours=1), "transmitted_ts": transmitted,
            "customs_code": cert[:4], "last_update_ts": transmitted,
        },
    )  # fmt: skip
    claim = _claim_row(cert, payer["uscc"], fill + timedelta(days=1), amount, _at(fill + timedelta(days=12), 10, 44))
    s.write("vat_cert_copy1", claim)
    s.write("vat_cert_match_result", _result_row(cert, payer["uscc"], result_month, "MISMATCH", ["fill_date"]))
    if apply_day is not None:
        applied = _at(_month_end(result_month) + timedelta(days=apply_day), 10, 0)
        s.write(
            "vat_cert_recheck_apply",
            {
                "apply_id": f"PAY{s.day:%Y%m%d}{kind:02d}", "cert_no": cert, "payer_uscc": payer["uscc"],
                "apply_ts": applied, "original_correct": None, "reviewer_id": None, "review_ts": None,
                "outcome": None, "last_update_ts": applied,
            },
        )  # fmt: skip
    return cert, payer, _claim_key(cert, payer["uscc"], claim["collect_ts"])


def _no_recheck(s: Stories) -> None:
    """PA-006: a mismatch result more than 150 days old and no recheck application (also a final PA-001)."""
    result_month = _month(s.day - timedelta(days=150), -1)  # its month end is 150+ days before D
    cert, payer, key = _mismatch_story(s, K_NO_RECHECK, result_month, None)
    s.label("PA-006", "CERT_RESULT", f"{cert}|{payer['uscc']}|{result_month:%Y-%m}", None, "no recheck 150+ days on")
    s.label("PA-001", "CERT_CLAIM", key, None, "fill date keyed a day late (the PA-006 story's mismatch)")
    # near miss: the same 150+ days, but the taxpayer applied on day 180
    _, _, key = _mismatch_story(s, K_NO_RECHECK_NEAR, result_month, min(180, (s.day - _month_end(result_month)).days))
    s.label("PA-001", "CERT_CLAIM", key, None, "fill date keyed a day late (near miss of PA-006)")


def _cancelled(s: Stories) -> None:
    """PA-007: the VAT bill was cancelled before payment and reissued; the taxpayer claims the cancelled number."""
    b, d = s.declaration(K_CANCELLED, s.day)
    officer = b.tax(d)
    old = s.vat(d)
    cancel_ts = (old["issue_ts"] + timedelta(minutes=5)).replace(microsecond=0)
    paid = old["paid_ts"]
    new = b.bill(d, f"{d.entry_id}-L02", "L", old["amount_cny"], cancel_ts, officer, paid)
    old.update(
        status="CANCELLED", paid_ts=None, written_off_ts=None, cancel_officer_id=officer.officer_id,
        cancel_ts=cancel_ts, replaced_by_bill_no=new["tax_bill_no"], last_update_ts=cancel_ts,
    )  # fmt: skip
    d.tax_bills.append(new)
    b.release(d)
    d.write(s.out, "RELEASED")
    s.write("vat_cert_copy4", _copy4_row(new, _transmitted(new, s.rng(K_CANCELLED, 1))))
    collect = max(d.t, _at(s.day, 17)) + timedelta(minutes=30)
    s.write(
        "vat_cert_copy1",
        _claim_row(old["tax_bill_no"], old["payer_uscc"], cancel_ts.astimezone(TZ).date(), old["amount_cny"], collect),
    )
    s.label("PA-007", "CERT", old["tax_bill_no"], officer.officer_id, "claim cites the cancelled bill L01")


def _copy4_differs(s: Stories) -> None:
    """PA-008: copy 4 of an old paid bill carries an amount 1,000.00 lower than the bill."""
    fill = _month(s.day, -5) + timedelta(days=7)
    b, d = s.declaration(K_COPY4_DIFFERS, fill)
    officer = b.tax(d)
    b.release(d)
    d.write(s.out, "RELEASED")
    bill = s.vat(d)
    row = _copy4_row(bill, _transmitted(bill, s.rng(K_COPY4_DIFFERS, 1)))
    row["tax_amount"] = bill["amount_cny"] - Decimal("1000.00")
    s.write("vat_cert_copy4", row)
    s.label("PA-008", "CERT", bill["tax_bill_no"], officer.officer_id, "copy 4 amount 1,000.00 below the bill")


def _not_consignee(s: Stories) -> None:
    """PA-009: the TAX officer put another enterprise, neither consignee nor owner, on today's VAT bill as payer;
    copy 4 follows the bill and that enterprise claims it (so the claim matches: PA-009 only)."""
    b, d = s.declaration(K_NOT_CONSIGNEE, s.day)
    officer = b.tax(d)
    bill = s.vat(d)
    other = s.payer(s.rng(K_NOT_CONSIGNEE, 2), avoid=(d.company["uscc"],))
    bill.update(payer_code=other["enterprise_code"], payer_uscc=other["uscc"])
    b.release(d)
    d.write(s.out, "RELEASED")
    s.write("vat_cert_copy4", _copy4_row(bill, _transmitted(bill, s.rng(K_NOT_CONSIGNEE, 1))))
    collect = max(d.t, _at(s.day, 17)) + timedelta(minutes=40)
    fill = bill["issue_ts"].astimezone(TZ).date()
    s.write("vat_cert_copy1", _claim_row(bill["tax_bill_no"], other["uscc"], fill, bill["amount_cny"], collect))
    s.label("PA-009", "CERT_PAYER", f"{bill['tax_bill_no']}|{other['uscc']}", officer.officer_id, "foreign claimant")


def _late_collect(s: Stories) -> None:
    """PA-010: a certificate collected 200 days after its fill date; near miss: one collected on day 180."""
    for kind, days, label in ((K_LATE_COLLECT, 200, True), (K_LATE_COLLECT_NEAR, 180, False)):
        rng = s.rng(kind)
        fill = s.day - timedelta(days=days)
        cert, payer = s.cert_no(kind, fill), s.payer(rng)
        amount = Decimal(rng.randint(20_000, 600_000)) / 100
        transmitted = _at(fill, 19, 30)
        s.write(
            "vat_cert_copy4",
            {
                "cert_no": cert, "payer_uscc": payer["uscc"], "fill_date": fill, "tax_amount": amount,
                "written_off_ts": transmitted - timedelta(hours=1), "transmitted_ts": transmitted,
                "customs_code": cert[:4], "last_update_ts": transmitted,
            },
        )  # fmt: skip
        claim = _claim_row(cert, payer["uscc"], fill, amount, _at(s.day, 10, 5 + kind))
        s.write("vat_cert_copy1", claim)
        if label:
            key = _claim_key(cert, payer["uscc"], claim["collect_ts"])
            s.label("PA-010", "CERT_CLAIM", key, None, f"collected {days} days after the fill date")


def _bad_number(s: Stories) -> None:
    """PA-011: a malformed number, a non-customs code, a wrong year or a duty (A) certificate; near miss: full-width
    dash (normalised) on a well-formed number."""
    rng = s.rng(K_BAD_NUMBER)
    fill = s.day - timedelta(days=9)
    good = s.cert_no(K_BAD_NUMBER, fill)
    variant = s.day.toordinal() % 4
    bad = [
        good[:10] + good[11:],  # a digit dropped
        "9999" + good[4:],  # no such customs
        good[:4] + str(fill.year - 1) + good[8:],  # year is not the fill date's
        good[:19] + "A01",  # a duty certificate claimed as VAT
    ][variant]
    payer = s.payer(rng)
    amount = Decimal(rng.randint(20_000, 600_000)) / 100
    claim = _claim_row(bad, payer["uscc"], fill, amount, _at(s.day, 15, 21))
    s.write("vat_cert_copy1", claim)
    s.label("PA-011", "CERT_CLAIM", _claim_key(bad, payer["uscc"], claim["collect_ts"]), None, f"bad number #{variant}")
    near = s.cert_no(K_BAD_NUMBER, fill, 1).replace("-", "－")
    s.write("vat_cert_copy1", _claim_row(near, payer["uscc"], fill, amount, _at(s.day, 15, 29)))


def _share(s: Stories) -> None:
    """PA-012: in one customs today, 2.5 % (at least two) of the VAT bills get a copy 4 that differs from the bill
    (each also a PA-008), so the customs' share of customs-caused exceptions this month exceeds 1 %."""
    sub = s.subs[s.day.toordinal() % len(s.subs)]
    n_background = sum(1 for b in paid_vat_bills(s.ctx, s.day) if b["tax_bill_no"].startswith(sub))
    bad = max(2, math.ceil(n_background * PA012_SHARE))
    fillers = max(0, PA012_MIN_N - n_background - bad)
    assert bad + fillers <= 32, "index < 32"
    for i in range(bad + fillers):
        b, d = s.declaration(K_SHARE, s.day, i, sub=sub)
        officer = b.tax(d)
        b.release(d)
        d.write(s.out, "RELEASED")
        bill = s.vat(d)
        row = _copy4_row(bill, _transmitted(bill, s.rng(K_SHARE, i)))
        if i < bad:
            row["payer_uscc"] = s.payer(s.rng(K_SHARE, i), avoid=(bill["payer_uscc"],))["uscc"]
            s.label("PA-008", "CERT", bill["tax_bill_no"], officer.officer_id, "copy 4 names another payer")
        s.write("vat_cert_copy4", row)
    s.label("PA-012", "CUSTOMS_MONTH", f"{sub}|{s.day:%Y-%m}", None, f"{bad} of {n_background + bad + fillers} differ")


def _recheck_ok(s: Stories) -> None:
    """Near miss of PA-003/PA-006: MISSING last month, recheck filed, original found correct: 6-month window."""
    rng, month = s.rng(K_RECHECK_OK), _month(s.day, -3)
    fill = month + timedelta(days=5)
    cert, payer = s.cert_no(K_RECHECK_OK, fill), s.payer(rng)
    amount = Decimal(rng.randint(20_000, 600_000)) / 100
    reviewed = _at(s.day, 11, 0)
    claim = _claim_row(
        cert, payer["uscc"], fill, amount, _at(fill + timedelta(days=6), 9, 50),
        original_verified_correct=True, last_update_ts=reviewed,
    )  # fmt: skip
    s.write("vat_cert_copy1", claim)
    for k, result in ((0, "PENDING"), (1, "PENDING"), (2, "MISSING")):
        s.write("vat_cert_match_result", _result_row(cert, payer["uscc"], _month(month, k), result))
    applied = _at(s.day, 9, 0)
    s.write(
        "vat_cert_recheck_apply",
        {
            "apply_id": f"PAY{s.day:%Y%m%d}{K_RECHECK_OK:02d}", "cert_no": cert, "payer_uscc": payer["uscc"],
            "apply_ts": applied, "original_correct": True, "reviewer_id": "TAXREV01", "review_ts": reviewed,
            "outcome": "CONFIRMED_CORRECT", "last_update_ts": reviewed,
        },
    )  # fmt: skip


def generate(ctx: DayContext, out: Emit) -> None:
    _background(ctx, out)
    s = Stories(ctx, out)
    for story in (
        _mismatch, _pending, _missing, _duplicate, _historical, _no_recheck, _cancelled, _copy4_differs,
        _not_consignee, _late_collect, _bad_number, _share, _recheck_ok,
    ):  # fmt: skip
        story(s)
