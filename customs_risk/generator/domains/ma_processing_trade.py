"""Processing-trade monitoring analyses (MA-PT-001 … MA-PT-020): one labelled pattern per check and day.

Each story is anchored on the business day D and delivers on D every row its check needs, older parts included
(manuals approved months ago, their earlier declarations as released history, BOM changes and verifications closed
earlier in the 90-day window), so a warehouse starting on D sees the whole pattern. Most patterns lie a few days back
in the window rather than on D itself, which keeps the day-based AP-PT prompts silent on them.

The stories reuse the processing-trade world (`processing_trade.World`, its declaration writer and clean workflows)
but live on their own keys: manuals `<kind>MPT<ordinal:4><slot:3><i>`, entry sequence numbers 940000–949999, change
ids from 3·10^12, transfer ids `TMPT…`, and their own `ctx.rng("ma_processing_trade")`-style streams. They use
"quiet" enterprises of the clean pool: none has a stream manual approved or a declaration on D, so the enterprise-level
analyses (domestic-sale share, overdue stock, material duplicates) see only the story.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from customs_risk.generator.context import DayContext
from customs_risk.generator.domains.processing_trade import (
    CUT_MODE,
    EPOCH,
    EXPORT_KINDS,
    FAMILIES,
    MODES,
    Bom,
    Change,
    Entry,
    Item,
    Line,
    Manual,
    Transfer,
    Verification,
    World,
    _at,
    _deliver_manual,
    _entry_id,
    _norm,
    _plan_manuals,
    _plan_workflow,
    _product_price,
    _q,
    _write_entry,
)

STREAM = "ma_processing_trade"
SEQ_TODAY, SEQ_HISTORY = 945_000, 940_000  # entry sequence numbers reserved for this module: 940000–949999
CHANGE_BASE = 3_000_000_000_000
FOREIGN_CUSTOMS = "0101"  # a subordinate customs of another directly-affiliated district (Beijing)


class Story:
    """The bad cases of one day, on manuals of their own."""

    def __init__(self, ctx: DayContext, world: World):
        self.ctx, self.w, self.day = ctx, world, ctx.biz_date
        self.ord = (self.day - EPOCH).days
        self.manuals: list[Manual] = []
        self.entries: list[Entry] = []  # declared on D: header, items, workflow, tax bills, documents
        self.history: list[Entry] = []  # declared earlier: header and items, released
        self.changes: list[Change] = []
        self.transfers: list[Transfer] = []
        self.patches: dict[str, dict] = {}  # manual_no -> column overrides of its pt_manual row
        self.labels: list[tuple[str, str, str, str | None, str]] = []
        self.followups: list[Manual] = []  # manuals that change again on the next day
        self.quiet = self._quiet_enterprises()
        self.next_company = 0

    # -- helpers ------------------------------------------------------------------------------------------------

    def rng(self, code: int, k: int = 0) -> random.Random:
        return random.Random(f"{STREAM}-{self.ctx.seed}-{self.day.isoformat()}-{code}-{k}")

    def _quiet_enterprises(self) -> dict[str, list[dict]]:
        """Per subordinate customs: clean-pool enterprises with no stream manual approved and no declaration on D."""
        busy = set()
        for m in _plan_manuals(self.w, self.day):
            if m.approve_ts.date() == self.day or any(e.declare_ts.date() == self.day for e in m.entries):
                busy.add(m.trade_co)
        return {
            sub: [e for e in self.w.sub_pool.get(sub, []) if e["enterprise_code"] not in busy] for sub in self.w.subs
        }

    def sub(self, code: int) -> str:
        return self.w.subs[code % len(self.w.subs)]

    def company(self, sub: str) -> dict:
        pool = self.quiet[sub] or self.w.sub_pool[sub]
        c = pool[(self.ord + self.next_company) % len(pool)]
        self.next_company += 1
        return c

    def manual(
        self,
        code: int,
        k: int,
        sub: str,
        company: dict,
        *,
        approved_days_ago: int,
        valid_days: int = 300,
        kind: str = "C",
        family: int | None = None,
        real_codes: bool = False,
        approver: str | None = None,
    ) -> Manual:
        """A manual of its own: two materials, one product, BOM at the national norm with 3 % wastage."""
        rng = self.rng(code, 10 + k)
        slot = code * 10 + k
        fam = FAMILIES[family if family is not None else (self.ord + slot) % len(FAMILIES)]
        suffix = f"{10 + (self.ord * 3 + slot) % 80:02d}"  # never a stream line's: no norm, no peers
        approved = self.day - timedelta(days=approved_days_ago)
        apply_ts = _at(approved, rng.uniform(0, 60))
        approve_ts = apply_ts + timedelta(minutes=rng.uniform(60, 200))
        mats = fam.materials[:2]
        items = [
            Item(
                "IMG",
                j + 1,
                mat.code if real_codes else mat.code[:8] + suffix,
                mat.name,
                "035",
                Decimal(200_000),
                mat.usd_per_kg,
            )
            for j, mat in enumerate(mats)
        ]
        product = fam.products[0]
        price = _product_price(fam, 0, range(2))
        items.append(
            Item(
                "EXG",
                1,
                product[0] if real_codes else product[0][:8] + suffix,
                product[1],
                product[2],
                Decimal(100_000),
                price,
            )
        )
        boms = [Bom(1, j + 1, _norm(fam, 0, j)[0], Decimal(3), 1, apply_ts, approve_ts) for j in range(len(mats))]
        import_usd = sum(it.qty * it.unit_price for it in items if it.item_type == "IMG")
        m = Manual(
            manual_no=f"{kind}MPT{self.ord % 10_000:04d}{slot:03d}"[:11] + str(k % 10),
            kind=kind,
            sub=sub,
            trade_co=company["enterprise_code"],
            apply_ts=apply_ts,
            approve_ts=approve_ts,
            approve_officer_id=approver or self.w.officer(rng, sub, "PT_FILING"),
            valid_until=approved + timedelta(days=valid_days),
            import_limit=_q(import_usd, "1"),
            export_limit=_q(import_usd * Decimal("1.4"), "1"),
            deposit_mode="EMPTY",
            deposit_amount=None,
            items=items,
            boms=boms,
        )
        self.manuals.append(m)
        return m

    def entry(
        self,
        m: Manual,
        kind: str,
        code: int,
        k: int,
        when: datetime,
        lines: list[Line],
        *,
        trade_mode: str | None = None,
        **kw,
    ) -> Entry:
        history = when.date() < self.day
        ie = "E" if kind in EXPORT_KINDS else "I"
        seq = (SEQ_HISTORY if history else SEQ_TODAY) + code * 200 + k
        e = Entry(
            _entry_id(m.sub, when.date(), ie, seq),
            kind,
            trade_mode or MODES[m.kind][kind],
            CUT_MODE[m.kind],
            m.sub,
            m.manual_no,
            m.trade_co,
            when,
            lines,
            country="JPN",
            **kw,
        )
        (self.history if history else self.entries).append(e)
        return e

    def line(self, m: Manual, item_type: str, seq: int, qty: float | Decimal, price: Decimal | None = None) -> Line:
        it = m.item(item_type, seq)
        return Line(
            seq, it.code_ts, it.g_name, it.unit, Decimal(str(qty)), price if price is not None else it.unit_price
        )

    def change(self, m: Manual, code: int, k: int, change_type: str, approve_ts: datetime, officer: str) -> Change:
        c = Change(
            CHANGE_BASE + int(m.sub) * 100_000_000 + self.ord * 1000 + code * 40 + k,
            m.manual_no,
            change_type,
            approve_ts - timedelta(hours=3),
            approve_ts,
            officer,
            "v1",
            "v2",
            1,
        )
        m.changes.append(c)
        self.changes.append(c)
        return c

    def verification(
        self,
        m: Manual,
        code: int,
        report: date,
        accept: date | None,
        close: date | None,
        *,
        officer: str | None = None,
        import_usd: Decimal = Decimal(150_000),
        reported_extra: Decimal = Decimal(0),
        onsite: bool = True,
    ) -> Verification:
        rng = self.rng(code, 90)
        remaining = _q(import_usd * Decimal("0.01"))
        v = Verification(
            verif_id=f"V{m.manual_no}1",
            manual_no=m.manual_no,
            report_ts=_at(report, 60),
            accept_ts=_at(accept, 90) if accept else None,
            officer_id=officer or self.w.officer(rng, m.sub, "PT_VERIFY"),
            close_ts=_at(close, 300) if close else None,
            result="BALANCED" if close else None,
            import_value_usd=import_usd,
            computed_remaining=remaining,
            reported_remaining=remaining + reported_extra,
            onsite=onsite,
        )
        m.verification = v
        m.statuses.append((v.report_ts, "REPORTED"))
        if v.close_ts:
            m.statuses.append((v.close_ts, "VERIFIED"))
        return v

    def reviewer(self, e: Entry) -> str | None:
        return _plan_workflow(self.w, e)["officers"].get("MANUAL_REVIEW")

    def label(self, code: str, object_type: str, object_id: str, officer: str | None, note: str) -> None:
        self.labels.append((code, object_type, object_id, officer, note))

    def ago(self, days: int, minutes: float = 120) -> datetime:
        return _at(self.day - timedelta(days=days), minutes)

    # -- the cases ----------------------------------------------------------------------------------------------

    def build(self) -> Story:
        for case in (
            self.s008,  # first: its enterprise must stay alone in the window
            self.s001,
            self.s002,
            self.s003,
            self.s004,
            self.s005,
            self.s006,
            self.s007,
            self.s009,
            self.s010,
            self.s011,
            self.s012,
            self.s013,
            self.s014,
            self.s015,
            self.s016,
            self.s017,
            self.s018,
            self.s019,
            self.s020,
        ):
            case()
        return self

    def s001(self) -> None:
        """A BOM 1.9 × the national norm on a stream product/material pair, approved 20 days ago."""
        sub = self.sub(1)
        stream = [m for m in _plan_manuals(self.w, self.day) if m.status_as_of(self.day) in ("EXECUTING", "REPORTED")]
        peers = {
            f: {m.trade_co for m in stream if any(i.code_ts == fam.products[0][0] for i in m.items)}
            for f, fam in enumerate(FAMILIES)
        }
        ranked = sorted((f for f in peers if len(peers[f]) >= 7), key=lambda f: (-len(peers[f]), f))
        fam_index = ranked[self.ord % len(ranked)] if ranked else max(peers, key=lambda f: len(peers[f]))
        company = self.company(sub)
        m = self.manual(1, 0, sub, company, approved_days_ago=20, family=fam_index, real_codes=True)
        # verified the next day, so the patterns of successive days never pile up on one enterprise (MA-PT-013)
        nxt = self.day + timedelta(days=1)
        self.verification(m, 1, nxt, nxt, nxt)
        self.followups.append(m)
        norm_cm, norm_dm = _norm(FAMILIES[fam_index], 0, 0)
        m.boms[0] = Bom(1, 1, _q(norm_cm * Decimal("1.9"), "0.000000001"), norm_dm, 1, m.apply_ts, m.approve_ts)
        self.label("MA-PT-001", "PT_BOM", f"{m.manual_no}:1:1", m.approve_officer_id, "gross 1.9 x the norm")

    def s002(self) -> None:
        """Three BOM changes of one manual in the window, all approved by one officer; a near miss with two."""
        sub = self.sub(2)
        rng = self.rng(2)
        officers = [o.officer_id for o in self.w.section(sub, "PT_FILING").officers["PT_FILING"]]
        x, y = rng.sample(officers, 2)
        m = self.manual(2, 0, sub, self.company(sub), approved_days_ago=100)
        for k, days in enumerate((60, 30, 5)):
            self.change(m, 2, k, "BOM", self.ago(days, 200), x)
        near = self.manual(2, 1, sub, self.company(sub), approved_days_ago=100)
        for k, days in enumerate((40, 6)):
            self.change(near, 2, 5 + k, "BOM", self.ago(days, 200), y)
        self.label("MA-PT-002", "OFFICER_MANUAL", f"{x}|{m.manual_no}", x, "3 BOM changes in 90 days, one approver")

    def s003(self) -> None:
        """Approved 200 days ago, 95 % of its import limit imported, nothing exported."""
        sub = self.sub(3)
        m = self.manual(3, 0, sub, self.company(sub), approved_days_ago=200, valid_days=330)
        img = m.item("IMG", 1)
        target = m.import_limit * Decimal("0.95")
        per = _q(target / 4 / img.unit_price, "1")
        for k, days in enumerate((190, 180, 170, 160)):
            self.entry(m, "IMPORT", 3, k, self.ago(days), [self.line(m, "IMG", 1, per)])
        self.label("MA-PT-003", "MANUAL", m.manual_no, None, "95 % imported, no export after 200 days")

    def s004(self) -> None:
        """Closed 10 days ago with the reported remainder 8 % of imports above the computed one."""
        sub = self.sub(4)
        m = self.manual(4, 0, sub, self.company(sub), approved_days_ago=300, valid_days=260)
        v = self.verification(
            m,
            4,
            self.day - timedelta(days=30),
            self.day - timedelta(days=28),
            self.day - timedelta(days=10),
            reported_extra=Decimal(12_000),
        )
        self.label("MA-PT-004", "PT_VERIFICATION", v.verif_id, v.officer_id, "reported 8 % above computed")

    def s005(self) -> None:
        """Finished products exported today at 80 % of their material cost."""
        sub = self.sub(5)
        m = self.manual(5, 0, sub, self.company(sub), approved_days_ago=60)
        cost = sum(b.cm * (1 + b.dm / 100) * m.item("IMG", b.img_seq).unit_price for b in m.boms if b.exg_seq == 1)
        e = self.entry(
            m, "EXPORT", 5, 0, _at(self.day, 100), [self.line(m, "EXG", 1, 100, _q(cost * Decimal("0.8"), "0.0001"))]
        )
        self.label("MA-PT-005", "PT_MANUAL_EXG", f"{m.manual_no}:1", self.reviewer(e), "export at 0.8 x material cost")

    def _transfer(self, code: int, k: int, out_m: Manual, in_m: Manual, ship: datetime, in_ts, out_ts, qty) -> Transfer:
        exg = out_m.item("EXG", 1)
        in_m.items[0] = Item("IMG", 1, exg.code_ts, exg.g_name, exg.unit, Decimal(200_000), exg.unit_price)
        t = Transfer(
            f"TMPT{out_m.sub}{self.day:%Y%m%d}{code:02d}{k}",
            out_m,
            in_m,
            exg.code_ts,
            ship - timedelta(days=15),
            ship - timedelta(days=10),
            ship,
            Decimal(qty),
        )
        t.in_entry = self.entry(
            in_m,
            "TRANSFER_IN",
            code,
            10 + 2 * k,
            in_ts,
            [self.line(in_m, "IMG", 1, qty)],
            related_manual_no=out_m.manual_no,
        )
        t.out_entry = self.entry(
            out_m,
            "TRANSFER_OUT",
            code,
            11 + 2 * k,
            out_ts,
            [self.line(out_m, "EXG", 1, qty)],
            related_manual_no=in_m.manual_no,
        )
        self.transfers.append(t)
        return t

    def s006(self) -> None:
        """A→B and B→A transfers of one heading, declared 30 and 20 days ago."""
        sub = self.sub(6)
        a, b = self.company(sub), self.company(sub)
        if a["enterprise_code"] == b["enterprise_code"]:
            return
        fam = (self.ord + 60) % len(FAMILIES)
        a_out = self.manual(6, 0, sub, a, approved_days_ago=80, family=fam)
        b_in = self.manual(6, 1, sub, b, approved_days_ago=80, family=fam)
        b_out = self.manual(6, 2, sub, b, approved_days_ago=80, family=fam)
        a_in = self.manual(6, 3, sub, a, approved_days_ago=80, family=fam)
        self._transfer(6, 0, a_out, b_in, self.ago(32), self.ago(30, 60), self.ago(30, 200), 800)
        self._transfer(6, 1, b_out, a_in, self.ago(22), self.ago(20, 60), self.ago(20, 200), 700)
        heading = a_out.item("EXG", 1).code_ts[:4]
        pair = sorted([a["enterprise_code"], b["enterprise_code"]])
        self.label("MA-PT-006", "PT_TRANSFER_CYCLE", f"{heading}|{pair[0]}>{pair[1]}", None, "A->B->A, one heading")

    def s007(self) -> None:
        """A transfer declared in today into a manual whose validity ended five days ago."""
        sub = self.sub(7)
        out_m = self.manual(7, 0, sub, self.company(sub), approved_days_ago=60)
        in_m = self.manual(7, 1, sub, self.company(sub), approved_days_ago=300, valid_days=295)
        if out_m.trade_co == in_m.trade_co:
            return
        t = self._transfer(7, 0, out_m, in_m, self.ago(3), _at(self.day, 30), _at(self.day, 300), 500)
        self.label("MA-PT-007", "PT_TRANSFER", t.transfer_id, self.reviewer(t.in_entry), "in-manual expired 5 days ago")

    def s008(self) -> None:
        """Domestic sales worth a third of the imports of the window, by an enterprise alone in it."""
        sub = self.sub(8)
        company = self.company(sub)
        m = self.manual(8, 0, sub, company, approved_days_ago=80)
        img = m.item("IMG", 1)
        qty = _q(Decimal(120_000) / img.unit_price, "1")
        self.entry(m, "IMPORT", 8, 0, self.ago(60), [self.line(m, "IMG", 1, qty)])
        self.entry(m, "DOMESTIC", 8, 1, _at(self.day, 80), [self.line(m, "IMG", 1, _q(qty / 3 + 1, "1"))])
        self.label("MA-PT-008", "MANUAL_OR_ENTERPRISE", f"MANUAL:{m.manual_no}", None, "domestic sales 1/3 of imports")
        self.label("MA-PT-008", "MANUAL_OR_ENTERPRISE", f"ENTERPRISE:{m.trade_co}", None, "the enterprise alike")
        self.quiet[sub] = [e for e in self.quiet[sub] if e["enterprise_code"] != m.trade_co]

    def s009(self) -> None:
        """Five imports of a material at its price, then scrap of it sold today at 30 % of that."""
        sub = self.sub(9)
        m = self.manual(9, 0, sub, self.company(sub), approved_days_ago=100)
        for k, days in enumerate((80, 70, 60, 50, 40)):
            self.entry(m, "IMPORT", 9, k, self.ago(days), [self.line(m, "IMG", 1, 1000)])
        price = _q(m.item("IMG", 1).unit_price * Decimal("0.3"), "0.0001")
        e = self.entry(m, "SCRAP", 9, 10, _at(self.day, 150), [self.line(m, "IMG", 1, 50, price)])
        self.label("MA-PT-009", "ENTRY", e.entry_id, self.reviewer(e), "scrap at 0.3 x the median price")

    def s010(self) -> None:
        """Materials destroyed today worth 30 % of the manual's imports."""
        sub = self.sub(10)
        m = self.manual(10, 0, sub, self.company(sub), approved_days_ago=100)
        self.entry(m, "IMPORT", 10, 0, self.ago(80), [self.line(m, "IMG", 1, 5000)])
        e = self.entry(m, "IMPORT", 10, 1, _at(self.day, 200), [self.line(m, "IMG", 1, 1500)], trade_mode="0200")
        self.label("MA-PT-010", "MANUAL", m.manual_no, self.reviewer(e), "destroyed 30 % of imports")

    def s011(self) -> None:
        """The officer who approved the manual closed its verification six days ago."""
        sub = self.sub(11)
        rng = self.rng(11)
        officer = self.w.officer(rng, sub, "PT_VERIFY")
        m = self.manual(11, 0, sub, self.company(sub), approved_days_ago=300, valid_days=270, approver=officer)
        v = self.verification(
            m,
            11,
            self.day - timedelta(days=25),
            self.day - timedelta(days=23),
            self.day - timedelta(days=6),
            officer=officer,
        )
        self.label("MA-PT-011", "PT_VERIFICATION", v.verif_id, officer, "approver verified the manual")

    def s012(self) -> None:
        """1.2 M USD of imports verified seven days ago without a factory check."""
        sub = self.sub(12)
        m = self.manual(12, 0, sub, self.company(sub), approved_days_ago=300, valid_days=270)
        v = self.verification(
            m,
            12,
            self.day - timedelta(days=24),
            self.day - timedelta(days=22),
            self.day - timedelta(days=7),
            import_usd=Decimal(1_200_000),
            onsite=False,
        )
        self.label("MA-PT-012", "PT_VERIFICATION", v.verif_id, v.officer_id, "1.2 M USD, no factory check")

    def s013(self) -> None:
        """One enterprise registers one material in three executing manuals at one customs."""
        sub = self.sub(13)
        company = self.company(sub)
        ms = [self.manual(13, k, sub, company, approved_days_ago=days) for k, days in enumerate((200, 100, 30))]
        first = ms[0].item("IMG", 1)
        for m in ms[1:]:
            m.items[0] = Item("IMG", 1, first.code_ts, first.g_name, "035", first.qty, first.unit_price)
        code = f"{company['enterprise_code']}|{first.code_ts}|{sub}"
        self.label("MA-PT-013", "ENTERPRISE_MATERIAL", code, ms[-1].approve_officer_id, "3 executing manuals")

    def s014(self) -> None:
        """Processing at an enterprise under a customs of another district, never approved."""
        sub = self.sub(14)
        m = self.manual(14, 0, sub, self.company(sub), approved_days_ago=40)
        self.patches[m.manual_no] = {"process_co_customs_code": FOREIGN_CUSTOMS}
        self.label("MA-PT-014", "MANUAL", m.manual_no, m.approve_officer_id, "processed in 0101 without approval")

    def s015(self) -> None:
        """Materials imported today at 1.5 × the filed unit price."""
        sub = self.sub(15)
        m = self.manual(15, 0, sub, self.company(sub), approved_days_ago=50)
        price = _q(m.item("IMG", 1).unit_price * Decimal("1.5"), "0.0001")
        e = self.entry(m, "IMPORT", 15, 0, _at(self.day, 60), [self.line(m, "IMG", 1, 500, price)])
        self.label("MA-PT-015", "ENTRY", e.entry_id, self.reviewer(e), "import 50 % above the filed price")

    def s016(self) -> None:
        """A real deposit released four days ago while the verification is still open."""
        sub = self.sub(16)
        m = self.manual(16, 0, sub, self.company(sub), approved_days_ago=300, valid_days=280)
        m.deposit_mode, m.deposit_amount = "REAL", Decimal(180_000)
        self.verification(m, 16, self.day - timedelta(days=10), self.day - timedelta(days=8), None)
        m.deposit_released_ts = self.ago(4, 90)
        self.label("MA-PT-016", "MANUAL", m.manual_no, None, "deposit released before close")

    def s017(self) -> None:
        """An export declared today under a manual verified ten days ago."""
        sub = self.sub(17)
        m = self.manual(17, 0, sub, self.company(sub), approved_days_ago=300, valid_days=260)
        self.verification(
            m, 17, self.day - timedelta(days=30), self.day - timedelta(days=28), self.day - timedelta(days=10)
        )
        e = self.entry(m, "EXPORT", 17, 0, _at(self.day, 120), [self.line(m, "EXG", 1, 40)])
        self.label("MA-PT-017", "ENTRY", e.entry_id, self.reviewer(e), "declared 10 days after close")

    def s018(self) -> None:
        """Five manuals of one customs still executing 200 days after their validity ended."""
        sub = self.sub(18 + self.ord)  # a customs per day: the stock of one customs is one pattern, raised once
        company = self.company(sub)
        for k in range(5):
            self.manual(18, k, sub, company, approved_days_ago=500, valid_days=300)
        self.label("MA-PT-018", "CUSTOMS", sub, None, "5 manuals over 180 days past validity")

    def s019(self) -> None:
        """A manual approved ten days ago for 400 days."""
        sub = self.sub(19)
        m = self.manual(19, 0, sub, self.company(sub), approved_days_ago=10, valid_days=400)
        self.label("MA-PT-019", "MANUAL", m.manual_no, m.approve_officer_id, "valid 400 days")

    def s020(self) -> None:
        """A verification accepted 75 days ago and closed five days ago."""
        sub = self.sub(20)
        m = self.manual(20, 0, sub, self.company(sub), approved_days_ago=420, valid_days=330)
        v = self.verification(
            m, 20, self.day - timedelta(days=78), self.day - timedelta(days=75), self.day - timedelta(days=5)
        )
        self.label("MA-PT-020", "OFFICER", v.officer_id, v.officer_id, "70 days from acceptance to close")


def generate(ctx: DayContext, out) -> None:
    world = World(ctx)
    story = Story(ctx, world).build()
    day = ctx.biz_date

    class Patched:
        """Writes a manual's rows with the story's column overrides (e.g. a foreign processing customs)."""

        def write(self, table: str, row: dict) -> None:
            if table == "pt_manual" and row["manual_no"] in story.patches:
                row = {**row, **story.patches[row["manual_no"]]}
            out.write(table, row)

    patched = Patched()
    for m in story.manuals:
        _deliver_manual(patched, m, day)
    yesterday = DayContext(day - timedelta(days=1), ctx.preset, ctx.seed, ctx.org)
    for m in Story(yesterday, world).build().followups:
        _deliver_manual(patched, m, day)
    for c in story.changes:
        if c.approve_ts.date() != day:  # the day's own changes are delivered with their manual
            out.write("pt_manual_change", c.row())
    for e in story.history:
        _write_entry(world, out, e, full=False)
    for e in story.entries:
        _write_entry(world, out, e, full=True)
    for t in story.transfers:
        out.write("pt_transfer", t.row())
    for code, object_type, object_id, officer, note in story.labels:
        out.label(code, object_type, object_id, officer, note)
