"""Extension checks EX-EXM (tax exemption), EX-ENT (enterprise management), EX-AUD (post-clearance audit), EX-BND
(bonded logistics) and EX-CBE (cross-border e-commerce): their source tables, told as stories anchored on the day.

The core generator leaves these feeds empty (tax_exemption_cert aside, which tax_valuation fills for its own
AP-TAR stories): exempt_goods_supervision, enterprise_credit_change, smuggling_case, broker_staff, post_audit,
bonded_stock_movement and ce_inventory are written here, for the scenarios only. Every scenario is anchored on the
business day D and delivered whole on D (its older parts included: certificates approved months before, imports
declared in earlier years, stock lots moved in a year ago), so that a warehouse starting on D sees the whole object.
Each bad case is labelled; beside it a clean near miss stays just inside the rule.

The enterprises of the stories are this module's own (codes EXT + 7 digits, added to the day's enterprise snapshot)
so that no other module's statistics meet them, and so are two former officers (EXT… ids, with their past post
assignment) for the revolving-door check. Declarations are imports built with tax_valuation's Entry; they are
cleared promptly (accept, tax, release within minutes) so that no timeliness check sees them.

Entry-id sequence numbers 980000–989999: 980000 + (days from declaration to D % 100) * 100 + slot (slot < 100).
Other keys (certificates ZEXT…, audits, movements, inventories, cases, valuation actions) carry EXT and the day.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from customs_risk.generator.clearance import Emit
from customs_risk.generator.context import DayContext
from customs_risk.generator.domains.tax_valuation import Entry, Staff, Story, at, local
from customs_risk.generator.organisation import module_enterprise

STREAM = "extension_more"
SEQ_BASE = 980_000
LAPTOP, SWITCH, MONITOR = "8471300000", "8517620000", "8528591000"


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
    return date(year, month, day)


class Builder:
    """The day's scenarios: entry numbering, officers, this module's enterprises, one Story for the declarations."""

    def __init__(self, ctx: DayContext, out: Emit):
        self.ctx, self.org, self.out = ctx, ctx.org, out
        self.day = ctx.biz_date
        self.rng = ctx.rng(STREAM)
        self.story = Story(self.day)
        self.slots: dict[int, int] = defaultdict(int)
        self.subs = sorted({s.subordinate_code for s in self.org.sections})
        self.district = {s.subordinate_code: s.district_code for s in self.org.sections}
        self.turn = self.day.toordinal()
        self.tag = f"{self.day.year % 100:02d}{self.day.timetuple().tm_yday:03d}"
        self.n_enterprise = 0
        self.counters: dict[str, int] = defaultdict(int)

    # keys --------------------------------------------------------------------------------------------------------
    def key(self, kind: str) -> int:
        self.counters[kind] += 1
        return self.counters[kind]

    # people ------------------------------------------------------------------------------------------------------
    def sub(self, n: int) -> str:
        return self.subs[n % len(self.subs)]

    def officer(self, sub: str, post: str, position: int) -> str:
        pool = self.org.section_for(sub, "", post).officers[post]
        return pool[(position + self.turn) % len(pool)].officer_id

    def chief(self, sub: str, post: str) -> str:
        return self.org.section_for(sub, "", post).officers["SUPERVISOR"][0].officer_id

    def staff(self, sub: str, reviewer: str | None = None, releaser: str | None = None) -> Staff:
        clearance = self.org.section_for(sub, "clearance", "REVIEW")
        tariff = self.org.section_for(sub, "tariff_review", "TAX")
        return Staff(
            clearance,
            tariff,
            reviewer or self.officer(sub, "REVIEW", 5),
            self.officer(sub, "ACCEPT", 5),
            releaser or self.officer(sub, "RELEASE", 5),
            self.officer(sub, "TAX", 5),
            self.officer(sub, "VALUATION", 5),
        )

    def company(
        self,
        sub: str,
        kind: str = "trader",
        credit: str = "GENERAL",
        since: date = date(2021, 6, 1),
        reg_date: date = date(2012, 3, 1),
        status: str = "active",
        status_since: date = date(2019, 1, 1),
    ) -> dict:
        """One of this module's enterprises, written to the day's enterprise snapshot."""
        self.n_enterprise += 1
        n = self.n_enterprise
        row = module_enterprise(
            f"EXT{self.tag[2:]}{n:04d}",
            f"扩展{['进出口', '贸易', '物流', '电子'][n % 4]}有限公司{n:04d}",
            self.district[sub],
            kind, credit, since, reg_date, status, status_since,
        )  # fmt: skip
        self.out.write("enterprise", row)
        return row

    # declarations ------------------------------------------------------------------------------------------------
    def entry(
        self, sub: str, declared: date, staff: Staff, company: dict, broker: dict | None = None, hour: int = 9, **kw
    ) -> Entry:
        days_back = (self.day - declared).days
        slot = self.slots[days_back]
        self.slots[days_back] += 1
        assert slot < 100, "at most 100 declarations per declaration day"
        declare_ts = at(declared, hour, 0) + timedelta(minutes=self.rng.randint(0, 50))
        seq = SEQ_BASE + (days_back % 100) * 100 + slot
        return Entry(self.story, sub, seq, declare_ts, company, broker or company, staff, **kw)

    def reviewed(self, e: Entry) -> datetime:
        """Declared, manually reviewed, accepted, taxed when dutiable and released; returns the release time."""
        passed = e.declare() + timedelta(minutes=self.rng.randint(30, 60))
        e.review(self.rng, passed)
        return e.clear(self.rng, passed)

    # rows of this module's feeds ----------------------------------------------------------------------------------
    def write(self, table: str, row: dict) -> None:
        self.out.write(table, row)

    def label(self, check: str, object_type: str, object_id: str, officer: str | None, note: str) -> None:
        self.out.label(check, object_type, object_id, officer, note)

    def cert(
        self,
        company: dict,
        approver: str,
        approve_ts: datetime,
        scope: list[str],
        limit: Decimal | None = None,
        write: bool = True,
    ) -> dict:
        apply_ts = approve_ts - timedelta(days=6, hours=2)
        row = {
            "cert_no": f"ZEXT{self.tag}{self.key('cert'):03d}",
            "enterprise_code": company["enterprise_code"],
            "cut_mode": "789",
            "project_code": f"PEXT{self.tag}",
            "apply_ts": apply_ts,
            "approve_ts": approve_ts,
            "approve_officer_id": approver,
            "valid_until": local(approve_ts) + timedelta(days=365),
            "amount_limit_cny": limit,
            "hs_scope": scope,
            "supervise_years": 3,
            "last_update_ts": approve_ts,
        }
        if write:
            self.write("tax_exemption_cert", row)
        return row


# ------------------------------------------------------------------------------------------------- tax exemption


def exempt_entry(b: Builder, sub: str, declared: date, staff: Staff, company: dict, cert: dict, items) -> Entry:
    e = b.entry(sub, declared, staff, company, trade_mode="2225", cut_mode="789", manual_no=cert["cert_no"])
    for code, qty, price in items:
        e.add_item(code, qty, Decimal(price), duty_mode="3")
    return e


def tax_exemption(b: Builder) -> None:
    d = b.day
    sub = b.sub(0)
    taxers = [b.officer(sub, "TAX", k) for k in range(6)]
    reviewers = [b.officer(sub, "REVIEW", k) for k in range(6)]
    scope = ["84713000", "85176200"]

    # EX-EXM-001: one item outside the certificate's scope; near miss: every item inside it
    company = b.company(sub)
    cert = b.cert(company, taxers[0], at(d - timedelta(days=60), 10), ["84713000"], Decimal(50_000_000))
    staff = b.staff(sub, reviewers[0])
    e = exempt_entry(b, sub, d, staff, company, cert, [(LAPTOP, 120, "410"), (SWITCH, 400, "90")])
    b.reviewed(e)
    b.label("EX-EXM-001", "ENTRY", e.entry_id, reviewers[0], "switches 85176200 under a laptop-only certificate")
    e = exempt_entry(b, sub, d, staff, company, cert, [(LAPTOP, 80, "415")])
    b.reviewed(e)

    # EX-EXM-002: the entry of the day crosses the certificate's limit; near miss: reaches it exactly
    company = b.company(sub)
    staff = b.staff(sub, reviewers[1])
    cert = b.cert(company, taxers[0], at(d - timedelta(days=40), 11), scope, Decimal(1_700_000))
    first = exempt_entry(b, sub, d - timedelta(days=10), staff, company, cert, [(LAPTOP, 500, "420")])
    b.reviewed(first)  # 1,491,000
    e = exempt_entry(b, sub, d, staff, company, cert, [(LAPTOP, 100, "420")])
    b.reviewed(e)  # 298,200: 1,789,200 > 1,700,000
    b.label("EX-EXM-002", "ENTRY", e.entry_id, reviewers[1], "cumulative 1,789,200 CNY over a 1,700,000 limit")
    near_company = b.company(sub)
    near_cert = b.cert(near_company, taxers[0], at(d - timedelta(days=40), 11), scope, write=False)
    a = exempt_entry(b, sub, d - timedelta(days=9), staff, near_company, near_cert, [(LAPTOP, 300, "420")])
    b.reviewed(a)
    c = exempt_entry(b, sub, d, staff, near_company, near_cert, [(LAPTOP, 200, "420")])
    b.reviewed(c)
    near_cert["amount_limit_cny"] = sum((i["cny_value"] for i in a.items + c.items), Decimal(0))
    b.write("tax_exemption_cert", near_cert)  # its limit is exactly what the two entries use

    # EX-EXM-003: goods of the first entry transferred on D without approval or tax; near miss: leased with
    # approval and tax paid
    until = local(first.declare_ts) + timedelta(days=3 * 365)
    base = {
        "cert_no": cert["cert_no"],
        "supervise_until": until,
        "release_from_supervision_ts": None,
        "release_officer_id": None,
    }
    t = at(d, 10, 30)
    b.write(
        "exempt_goods_supervision",
        {**base, "entry_id": first.entry_id, "g_no": 1, "disposal_type": "TRANSFER", "disposal_ts": t,
         "disposal_approved": False, "tax_paid_cny": None, "last_update_ts": t},
    )  # fmt: skip
    b.label("EX-EXM-003", "EXEMPT_GOODS", f"{first.entry_id}|1", None, "exempted laptops transferred unapproved")
    near_until = local(a.declare_ts) + timedelta(days=3 * 365)
    b.write(
        "exempt_goods_supervision",
        {**base, "cert_no": near_cert["cert_no"], "supervise_until": near_until, "entry_id": a.entry_id,
         "g_no": 1, "disposal_type": "LEASE", "disposal_ts": t, "disposal_approved": True,
         "tax_paid_cny": Decimal("18250.00"), "last_update_ts": t},
    )  # fmt: skip

    # EX-EXM-004: the certificate's approver reviews the entry that uses it; near miss: another reviewer
    company = b.company(sub)
    approver = reviewers[2]  # an approver of the clearance section, also on review duty
    cert = b.cert(company, approver, at(d - timedelta(days=30), 15), scope)
    e = exempt_entry(b, sub, d, b.staff(sub, approver), company, cert, [(SWITCH, 600, "92")])
    b.reviewed(e)
    b.label("EX-EXM-004", "ENTRY", e.entry_id, approver, "certificate approver reviewed the entry")
    cert = b.cert(company, approver, at(d - timedelta(days=30), 16), scope)
    e = exempt_entry(b, sub, d, b.staff(sub, reviewers[3]), company, cert, [(SWITCH, 500, "92")])
    b.reviewed(e)

    # EX-EXM-005: approved on D for goods declared (and released) five days before; near miss: declared after
    company = b.company(sub)
    cert = b.cert(company, taxers[1], at(d, 15, 10), scope)
    e = exempt_entry(b, sub, d - timedelta(days=5), b.staff(sub, reviewers[4]), company, cert, [(LAPTOP, 60, "418")])
    b.reviewed(e)
    b.label("EX-EXM-005", "EXEMPTION_CERT", cert["cert_no"], taxers[1], "approved after the goods were declared")
    cert = b.cert(company, taxers[1], at(d, 8, 40), scope)
    e = exempt_entry(b, sub, d, b.staff(sub, reviewers[4]), company, cert, [(LAPTOP, 50, "418")])
    b.reviewed(e)

    # EX-EXM-006: 5 of an enterprise's 6 certificates of the year approved by one officer (one of them on D);
    # near miss: 4 of 6
    for share, label in ((5, True), (4, False)):
        company = b.company(sub)
        main, other = (taxers[2], taxers[3]) if label else (taxers[4], taxers[5])
        for k in range(6):
            officer = main if k < share else other
            b.cert(company, officer, at(d - timedelta(days=60 * k), 14, 5 * k), scope)
        if label:
            b.label(
                "EX-EXM-006",
                "OFFICER_ENTERPRISE",
                f"{main}|{company['enterprise_code']}",
                main,
                "5 of the enterprise's 6 exemption certificates in a year approved by one officer",
            )

    # EX-EXM-007: supervision of exempted goods released two years early without tax; near miss: on its last day
    company = b.company(sub)
    declared = d - timedelta(days=400)
    cert = b.cert(company, taxers[0], at(declared - timedelta(days=20), 10), scope)
    e = exempt_entry(b, sub, declared, b.staff(sub, reviewers[5]), company, cert, [(LAPTOP, 40, "421")] * 2)
    b.reviewed(e)
    t = at(d, 11, 15)
    releaser = taxers[1]
    for g_no, until in ((1, declared + timedelta(days=3 * 365)), (2, d)):
        b.write(
            "exempt_goods_supervision",
            {"entry_id": e.entry_id, "g_no": g_no, "cert_no": cert["cert_no"], "supervise_until": until,
             "release_from_supervision_ts": t, "release_officer_id": releaser, "disposal_type": "NONE",
             "disposal_ts": None, "disposal_approved": False, "tax_paid_cny": None, "last_update_ts": t},
        )  # fmt: skip
    b.label("EX-EXM-007", "EXEMPT_GOODS", f"{e.entry_id}|1", releaser, "released from supervision two years early")


# ------------------------------------------------------------------------------------------ enterprise management


def credit_change(b: Builder, company: dict, ts: datetime, old: str, new: str, approver: str | None) -> str:
    b.write(
        "enterprise_credit_change",
        {"enterprise_code": company["enterprise_code"], "change_ts": ts, "old_class": old, "new_class": new,
         "approve_officer_id": approver, "reason": "年度信用评估"},
    )  # fmt: skip
    return f"{company['enterprise_code']}|{ts.astimezone(UTC):%Y%m%dT%H%M%S}"


def case(b: Builder, company: dict, unit: str, lead: str, closing: datetime, decision: str) -> None:
    filing = closing - timedelta(days=75)
    b.write(
        "smuggling_case",
        {"case_id": f"EXTK{b.tag}{b.key('case'):03d}", "case_kind": "VIOLATION", "clue_id": None,
         "related_entry_id": None, "enterprise_code": company["enterprise_code"], "unit_code": unit,
         "lead_officer_id": lead, "approve_officer_id": None, "filing_ts": filing, "evaded_tax_cny": Decimal("86000"),
         "case_value_cny": Decimal("640000"), "status": "CLOSED", "extension_approved_ts": None,
         "extension_until": None, "closing_ts": closing, "decision": decision, "fine_cny": Decimal("43000"),
         "confiscated_value_cny": None, "detention_start_ts": None, "detention_released_ts": None,
         "last_update_ts": closing},
    )  # fmt: skip


def enterprise_mgmt(b: Builder) -> None:
    d = b.day
    sub = b.sub(1)
    chief = b.chief(sub, "REVIEW")
    reviewers = [b.officer(sub, "REVIEW", k) for k in range(6)]
    supervision = f"{sub}-05"

    # EX-ENT-001: upgraded on D, penalised 200 days before; near miss: the penalty closed 366 days before
    for days, bad in ((200, True), (366, False)):
        company = b.company(sub, credit="GEN_CERT", since=d)
        case(b, company, supervision, reviewers[0], at(d - timedelta(days=days), 16), "PENALTY")
        key = credit_change(b, company, at(d, 10, 20 + days % 7), "GENERAL", "GEN_CERT", chief)
        if bad:
            b.label("EX-ENT-001", "CREDIT_CHANGE", key, chief, "upgrade 200 days after a penalty decision")

    # EX-ENT-002: upgrade approved by the officer who reviewed all four of its entries in the half year;
    # near miss: approver who reviewed 2 of 7 (29 %)
    for reviewed_by_approver, total, approver in ((4, 4, reviewers[1]), (2, 7, reviewers[2])):
        company = b.company(sub, credit="GEN_CERT", since=d)
        for k in range(total):
            reviewer = approver if k < reviewed_by_approver else reviewers[3 + k % 3]
            e = b.entry(sub, d - timedelta(days=12 + 19 * k), b.staff(sub, reviewer), company)
            e.add_item(LAPTOP, 30 + k, Decimal("420"))
            b.reviewed(e)
        key = credit_change(b, company, at(d, 14, total), "GENERAL", "GEN_CERT", approver)
        if reviewed_by_approver == total:
            b.label("EX-ENT-002", "CREDIT_CHANGE", key, approver, "approver reviewed all 4 of its entries")

    # EX-ENT-003: registered 60 days ago, 6.8 M CNY of monitors (chapter 85), never inspected;
    # near miss: 4.5 M CNY
    for n_entries, bad in ((3, True), (2, False)):
        company = b.company(sub, reg_date=d - timedelta(days=60), since=d - timedelta(days=60))
        for k in range(n_entries):
            e = b.entry(sub, d - timedelta(days=40 - 9 * k), b.staff(sub), company)
            e.add_item(MONITOR, 2000, Decimal("160"))  # 2,272,000 CNY
            b.reviewed(e)
        if bad:
            b.label(
                "EX-ENT-003", "ENTERPRISE", company["enterprise_code"], None, "new enterprise, 6.8 M CNY, 0 inspected"
            )

    # EX-ENT-004: a broker suspended ten days ago declares on D; near miss: an active broker
    for status in ("suspended", "active"):
        broker = b.company(sub, kind="broker", status=status, status_since=d - timedelta(days=10))
        staff = b.staff(sub)
        e = b.entry(sub, d, staff, b.company(sub), broker)
        e.add_item(SWITCH, 300, Decimal("95"))
        b.reviewed(e)
        if status != "active":
            b.label("EX-ENT-004", "ENTRY", e.entry_id, staff.acceptor, "declared through a suspended broker")

    # EX-ENT-005: a DISHONEST trader's paperless entry released on D; near miss: a GENERAL trader's
    for credit in ("DISHONEST", "GENERAL"):
        staff = b.staff(sub)
        e = b.entry(sub, d, staff, b.company(sub, credit=credit, since=date(2025, 3, 1)))
        e.add_item(LAPTOP, 25, Decimal("420"))
        b.reviewed(e)
        if credit == "DISHONEST":
            b.label("EX-ENT-005", "ENTRY", e.entry_id, staff.releaser, "paperless release for a DISHONEST trader")

    # EX-ENT-006: an officer who left 200 days ago registers today as declarant of a broker his section handled
    # within his last year; near miss: a broker the section last handled two years before the exit
    section = b.org.section_for(sub, "clearance", "REVIEW")
    exit_date = d - timedelta(days=200)
    for n, days_before_exit in ((1, 90), (2, 730)):
        officer_id = f"EXT{b.tag[2:]}{n:04d}"
        person = hashlib.sha256(f"ext-person-{b.tag}-{n}".encode()).hexdigest()
        b.write(
            "officer",
            {"officer_id": officer_id, "name_zh": f"离职关员{n}", "person_id_hash": person,
             "section_unit_code": section.unit_code, "title": "officer", "hire_date": date(2012, 7, 1),
             "exit_date": exit_date, "status": "exited"},
        )  # fmt: skip
        b.write(
            "officer_post_assignment",
            {"officer_id": officer_id, "post_code": "REVIEW", "section_unit_code": section.unit_code,
             "start_date": date(2012, 7, 1), "end_date": exit_date},
        )  # fmt: skip
        broker = b.company(sub, kind="broker")
        e = b.entry(sub, exit_date - timedelta(days=days_before_exit), b.staff(sub), b.company(sub), broker)
        e.add_item(SWITCH, 200, Decimal("96"))
        b.reviewed(e)
        b.write(
            "broker_staff",
            {"enterprise_code": broker["enterprise_code"], "person_id_hash": person, "role": "declarant",
             "start_date": d, "end_date": None},
        )  # fmt: skip
        if n == 1:
            b.label(
                "EX-ENT-006",
                "OFFICER_ENTERPRISE",
                f"{officer_id}|{broker['enterprise_code']}",
                officer_id,
                "left 200 days ago, now declarant of a broker his section handled",
            )


# ------------------------------------------------------------------------------------------ post-clearance audit


def audit(
    b: Builder,
    company: dict,
    lead: str,
    notice: datetime,
    scope: tuple[date, date],
    *,
    kind: str = "REGULAR",
    start: datetime | None = None,
    report: datetime | None = None,
    finding: str | None = None,
    tax_due: Decimal | None = None,
) -> str:
    audit_id = f"EXTA{b.tag}{b.key('audit'):03d}"
    b.write(
        "post_audit",
        {"audit_id": audit_id, "enterprise_code": company["enterprise_code"], "audit_type": kind,
         "lead_officer_id": lead, "notice_ts": notice, "start_ts": start,
         "end_ts": report - timedelta(days=3) if report else None, "scope_start_date": scope[0],
         "scope_end_date": scope[1], "finding": finding, "tax_due_cny": tax_due, "report_ts": report,
         "last_update_ts": max(t for t in (notice, start, report) if t is not None)},
    )  # fmt: skip
    return audit_id


def post_clearance_audit(b: Builder) -> None:
    d = b.day
    sub = b.sub(2)
    valuers = [b.officer(sub, "VALUATION", k) for k in range(6)]
    reviewers = [b.officer(sub, "REVIEW", k) for k in range(6)]
    last_year = (date(d.year - 2, 1, 1), date(d.year - 2, 12, 31))

    # EX-AUD-001: no finding for an enterprise with three valuation decisions in the audited year;
    # near miss: two decisions
    for n_flags in (3, 2):
        company = b.company(sub)
        for k in range(n_flags):
            declared = last_year[0] + timedelta(days=40 + 90 * k)
            e = b.entry(sub, declared, b.staff(sub), company)
            e.add_item(LAPTOP, 50, Decimal("380"))
            released = b.reviewed(e)
            ts = released + timedelta(days=20)
            b.write(
                "valuation_action",
                {"action_id": f"EXTV{b.tag}{b.key('valuation'):03d}", "entry_id": e.entry_id, "g_no": 1,
                 "action_type": "DECISION", "officer_id": valuers[0], "action_ts": ts,
                 "declared_unit_price": Decimal("380"), "final_unit_price": Decimal("420"), "outcome": "ADJUSTED",
                 "method": None, "closed_ts": ts, "last_update_ts": ts},
            )  # fmt: skip
        audit_id = audit(
            b, company, valuers[1], at(d - timedelta(days=60), 10), last_year,
            start=at(d - timedelta(days=50), 9), report=at(d, 16), finding="NONE",
        )  # fmt: skip
        if n_flags == 3:
            b.label("EX-AUD-001", "AUDIT", audit_id, valuers[1], "no finding despite 3 valuation decisions")

    # EX-AUD-002: a tax finding reported 31 days ago, never assessed; near miss: reported 30 days ago
    for days, bad in ((31, True), (30, False)):
        audit_id = audit(
            b, b.company(sub), valuers[2], at(d - timedelta(days=days + 60), 10), last_year,
            start=at(d - timedelta(days=days + 50), 9), report=at(d - timedelta(days=days), 15),
            finding="TAX_DUE", tax_due=Decimal("52300.00"),
        )  # fmt: skip
        if bad:
            b.label("EX-AUD-002", "AUDIT", audit_id, valuers[2], "tax due reported 31 days ago, no supplement")

    # EX-AUD-003: the lead auditor reviewed an entry of the enterprise inside the audited period;
    # near miss: his review was after the period
    for lead, declared_back, bad in ((reviewers[0], 100, True), (reviewers[1], 20, False)):
        company = b.company(sub)
        e = b.entry(sub, d - timedelta(days=declared_back), b.staff(sub, lead), company)
        e.add_item(SWITCH, 250, Decimal("95"))
        b.reviewed(e)
        audit_id = audit(
            b, company, lead, at(d - timedelta(days=10), 10), (d - timedelta(days=400), d - timedelta(days=30)),
            start=at(d, 9, 30),
        )  # fmt: skip
        if bad:
            b.label("EX-AUD-003", "AUDIT", audit_id, lead, "auditor reviewed the enterprise's entry in scope")

    # EX-AUD-004: scope starting three years and ten days before the notice; near miss: a bonded/exempt audit
    for kind in ("REGULAR", "BONDED_EXEMPT"):
        scope = (_add_months(d, -36) - timedelta(days=10), d - timedelta(days=100))
        audit_id = audit(b, b.company(sub), valuers[3], at(d, 10, 5), scope, kind=kind)
        if kind == "REGULAR":
            b.label("EX-AUD-004", "AUDIT", audit_id, valuers[3], "scope starts beyond the three-year limit")

    # EX-AUD-005: the same lead audits the enterprise again (the previous audit 400 days ago);
    # near miss: the previous audit was led by someone else
    for prev_lead, bad in ((valuers[4], True), (valuers[0], False)):
        company = b.company(sub)
        lead = valuers[4] if bad else valuers[5]
        audit(
            b, company, prev_lead, at(d - timedelta(days=400), 10), (d - timedelta(days=1000), d - timedelta(days=500)),
            start=at(d - timedelta(days=390), 9), report=at(d - timedelta(days=300), 15), finding="NONE",
        )  # fmt: skip
        audit_id = audit(b, company, lead, at(d, 11), (d - timedelta(days=400), d - timedelta(days=40)))
        if bad:
            b.label("EX-AUD-005", "AUDIT", audit_id, lead, "second audit of the enterprise by the same lead")


# ------------------------------------------------------------------------------------------------ bonded logistics


def movement(
    b: Builder, company: dict, direction: str, ts: datetime, qty: int, *, entry: str | None = None,
    lot: int | None = None, extension: date | None = None, code: str = SWITCH,
) -> int:  # fmt: skip
    movement_id = int(f"98{b.tag}{b.key('movement'):04d}")
    b.write(
        "bonded_stock_movement",
        {"movement_id": movement_id, "warehouse_code": f"EXTW{company['enterprise_code'][-4:]}",
         "enterprise_code": company["enterprise_code"], "entry_id": entry, "direction": direction, "code_ts": code,
         "qty": Decimal(qty), "move_ts": ts, "in_lot_id": lot, "extension_until": extension},
    )  # fmt: skip
    return movement_id


def bonded_logistics(b: Builder) -> None:
    d = b.day
    sub = b.sub(0)

    # EX-BND-001: stock leaves the warehouse with no entry; near miss: after its entry was released
    warehouse = b.company(sub, kind="logistics")
    lot = movement(b, warehouse, "IN", at(d - timedelta(days=30), 10), 1000)
    out_id = movement(b, warehouse, "OUT", at(d, 14), 300, lot=lot)
    b.label("EX-BND-001", "BONDED_MOVEMENT", str(out_id), None, "bonded OUT without a declaration")
    e = b.entry(sub, d, b.staff(sub), b.company(sub))
    e.add_item(SWITCH, 200, Decimal("95"))
    released = b.reviewed(e)
    movement(b, warehouse, "OUT", released + timedelta(minutes=40), 200, lot=lot, entry=e.entry_id)

    # EX-BND-002: a lot stored 400 days with 60 of 100 left; near misses: stored exactly 12 months, and an
    # overdue lot with a running extension
    lot = movement(b, warehouse, "IN", at(d - timedelta(days=400), 9), 100)
    movement(b, warehouse, "OUT", at(d - timedelta(days=200), 15), 40, lot=lot, entry=None)
    b.label("EX-BND-002", "BONDED_LOT", str(lot), None, "stored 400 days, 60 left, no extension")
    movement(b, warehouse, "IN", at(_add_months(d, -12), 9), 100)
    movement(b, warehouse, "IN", at(d - timedelta(days=420), 9), 100, extension=d + timedelta(days=200))

    # EX-BND-003: the domestic side declares 5 % more than the zone side; near miss: exactly 1 % more
    for qty_back, bad in ((1050, True), (1010, False)):
        company = b.company(sub)
        reviewer = b.officer(sub, "REVIEW", 1 if bad else 2)
        zone = b.entry(sub, d - timedelta(days=8), b.staff(sub), company, trade_mode="5000")
        zone.add_item(SWITCH, 1000, Decimal("95"))
        b.reviewed(zone)
        dom = b.entry(sub, d, b.staff(sub, reviewer), company, hour=16, trade_mode="5000")
        dom.head["related_entry_id"] = zone.entry_id
        dom.add_item(SWITCH, qty_back, Decimal("95"))
        dom.review(b.rng, dom.declare() + timedelta(minutes=40))  # reviewed on D, released the next day
        if bad:
            b.label("EX-BND-003", "ENTRY_PAIR", f"{dom.entry_id}|{zone.entry_id}", reviewer, "1050 against 1000 units")

    # EX-BND-004: 500 chips moved A→B 15 days ago and B→A today; near miss: 499 back
    for qty_back, bad in ((500, True), (499, False)):
        site_a, site_b = b.company(sub, kind="logistics"), b.company(sub, kind="logistics")
        there = b.entry(sub, d - timedelta(days=15), b.staff(sub), site_a, trade_mode="1200")
        there.head["owner_code"] = site_b["enterprise_code"]
        there.add_item(SWITCH, 500, Decimal("95"))
        b.reviewed(there)
        back = b.entry(sub, d, b.staff(sub), site_b, trade_mode="1200")
        back.head["owner_code"] = site_a["enterprise_code"]
        back.add_item(SWITCH, qty_back, Decimal("95"))
        b.reviewed(back)
        if bad:
            b.label("EX-BND-004", "ENTRY_PAIR", f"{back.entry_id}|{there.entry_id}", None, "500 chips A→B→A")


# ----------------------------------------------------------------------------------------- cross-border e-commerce


def inventory(b: Builder, consumer: str, platform: str, ordered: datetime, amount: str, released: bool = True) -> str:
    inv_no = f"EXTI{b.tag}{b.key('inventory'):05d}"
    release_ts = ordered + timedelta(hours=5) if released else None
    b.write(
        "ce_inventory",
        {"inv_no": inv_no, "consumer_id_hash": consumer, "ebp_code": platform, "ebc_code": "EXTC000001",
         "order_ts": ordered, "declare_ts": ordered + timedelta(hours=1), "release_ts": release_ts,
         "amount_cny": Decimal(amount), "customs_code": b.sub(0), "trade_mode": "9610",
         "last_update_ts": release_ts or ordered + timedelta(hours=1)},
    )  # fmt: skip
    return inv_no


def cross_border_ecommerce(b: Builder) -> None:
    d = b.day
    y0 = date(d.year, 1, 2)

    def consumer(n: int) -> str:
        return hashlib.sha256(f"ext-consumer-{b.tag}-{n}".encode()).hexdigest()

    # EX-CBE-001: a single order over 5,000; a year reaching 27,000; near misses: exactly 5,000 and 26,000
    inv = inventory(b, consumer(1), "EXTP000001", at(d, 8, 10), "5200.00")
    b.label("EX-CBE-001", "CE_INVENTORY", inv, None, "single order of 5,200 CNY")
    inventory(b, consumer(2), "EXTP000001", at(d, 8, 20), "5000.00")
    for n, last in ((3, "3000.00"), (4, "2000.00")):
        for k in range(5):
            inventory(b, consumer(n), "EXTP000002", at(y0 + timedelta(days=30 * k), 20), "4800.00")
        inv = inventory(b, consumer(n), "EXTP000002", at(d, 9, 5), last)
        if n == 3:
            b.label("EX-CBE-001", "CE_INVENTORY", inv, None, "year total 27,000 CNY over 26,000")

    # EX-CBE-002: ten small orders on two platforms in one day; near miss: nine
    for n, orders in ((5, 10), (6, 9)):
        for k in range(orders):
            inventory(b, consumer(n), f"EXTP00000{1 + k % 2}", at(d, 10, 3 * k), "298.00", released=k % 3 == 0)
        if orders == 10:
            b.label("EX-CBE-002", "CONSUMER_DAY", f"{consumer(n)}|{d.isoformat()}", None, "10 orders, 2 platforms")


# ------------------------------------------------------------------------------------------------------- the day

SCENARIOS = [tax_exemption, enterprise_mgmt, post_clearance_audit, bonded_logistics, cross_border_ecommerce]


def generate(ctx: DayContext, out: Emit) -> None:
    b = Builder(ctx, out)
    for scenario in SCENARIOS:
        scenario(b)
    b.story.deliver(ctx.biz_date, out.write)
