"""Security of accounts and data (EX-SEC-*): the operation-log stories of misused accounts, and their near misses.

Every story is anchored on the business day D and delivers on D every row it needs, older parts included:
- EX-SEC-001: an officer opens a second session from a foreign terminal and address at 14:00 while the morning
  session from his own terminal is still open (near miss: another officer logs out at noon and back in from his
  own terminal and address five minutes later).
- EX-SEC-002: the ACCEPT step of one of this module's clean declarations is done by a TAX officer of the same
  subordinate customs, whose post does not list ACCEPT (the rest of the declaration is clean).
- EX-SEC-003: a full-day leave row (00:00–24:00, duty_type leave) for an officer whose account logs in as every
  day (near miss: another officer's leave is the next day).
- EX-SEC-004: an officer whose last LOGIN (delivered as a story row) was 120 days ago forces the release flag of
  a released entry today, with an approval number; the same act is an AP-HR-001 case and is labelled so (near
  miss: an officer who also logged in 85 days ago does the same act: AP-HR-001 only).
- EX-SEC-006: an inspection assigner (a post without workflow steps) queries 22 enterprises he never handled;
  another officer exports 12,000 rows (near misses: 15 queries; an export of 9,000 rows).
- EX-SEC-007: a PARAM_UPDATE of AP-CLR-012's max_hours without approval number (near miss: an approved widening).
- EX-SEC-008: at 06:13 (off duty: the roster starts at 08:00) an officer logs in on a colleague's terminal three
  minutes after the colleague (near miss: on duty, a colleague's query from another officer's terminal 3 minutes
  after him).
EX-SEC-005 and EX-SEC-009 judge hl alerts (views of alerts, archived alerts), which the extract cannot create: they
are proved by their unit tests and tests/disposition/test_with_the_real_night_disposal_checks.py.

Keys of this module: entry-id sequence numbers ENTRY_SEQ_BASE…+9999 (970000–979999), operation-log ids
YYYYMMDD·10^8 + 97·10^6 + n, foreign terminals 'SEC…'.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from customs_risk.generator.clearance import Emit
from customs_risk.generator.context import DayContext
from customs_risk.generator.domains.operations import Builder
from customs_risk.generator.organisation import Officer

TZ = ZoneInfo("Asia/Shanghai")
ENTRY_SEQ_BASE = 970_000  # this module's block of entry-id sequence numbers: 970000–979999
LOG_ID_BLOCK = 97  # log_id = YYYYMMDD·10^8 + 97·10^6 + n
CLEARANCE_POSTS = ("ACCEPT", "REVIEW", "RELEASE", "CONTROL", "INSPECT", "TAX")


def _at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), TZ)


def own_terminal(officer_id: str) -> tuple[str, str]:
    """The terminal and address the operations module gives each officer's daily session."""
    seq = int(officer_id[-5:])
    return f"T{officer_id}", f"10.{int(officer_id[2:4])}.{seq // 250}.{seq % 250 + 2}"


class SecLog:
    """ops_audit_log rows with this module's block of log ids."""

    def __init__(self, day: date, out: Emit):
        self.day, self.out, self.n = day, out, 0

    def write(
        self,
        officer_id: str,
        ts: datetime,
        action: str,
        object_type: str | None = None,
        object_id: str | None = None,
        detail: dict | None = None,
        terminal: tuple[str, str] | None = None,
        system_code: str = "H2000",
    ) -> int:
        log_id = int(self.day.strftime("%Y%m%d")) * 10**8 + LOG_ID_BLOCK * 10**6 + self.n
        self.n += 1
        terminal_id, ip_addr = terminal or own_terminal(officer_id)
        self.out.write(
            "ops_audit_log",
            {
                "log_id": log_id,
                "officer_id": officer_id,
                "event_ts": ts,
                "system_code": system_code,
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "terminal_id": terminal_id,
                "ip_addr": ip_addr,
                "detail": detail,
            },
        )
        return log_id


def generate(ctx: DayContext, out: Emit) -> None:
    rng = ctx.rng("security_ops")
    day = ctx.biz_date
    log = SecLog(day, out)
    pool = sorted(
        (o for o in ctx.org.officers if o.title == "officer" and o.post_code in CLEARANCE_POSTS),
        key=lambda o: o.officer_id,
    )
    people = iter(rng.sample(pool, 18))

    def who() -> Officer:
        return next(people)

    _concurrent_sessions(day, log, out, who(), who())
    _outside_post(ctx, rng, out)
    _on_leave(day, out, who(), who())
    _dormant_account(ctx, rng, log, out, who(), who())
    # the querier holds a post without workflow steps (INSPECT_ASSIGN): he handled no entry of any enterprise
    assigners = sorted((o for o in ctx.org.officers if o.post_code == "INSPECT_ASSIGN"), key=lambda o: o.officer_id)
    _enterprise_lookups(ctx, rng, log, out, rng.choice(assigners), who(), who(), who())
    _param_updates(day, log, out, who(), who())
    enterprises = sorted(e["enterprise_code"] for e in ctx.org.enterprises)
    _shared_terminal(day, log, out, [who(), who(), who(), who()], enterprises)


def _concurrent_sessions(day: date, log: SecLog, out: Emit, officer: Officer, near: Officer) -> None:
    foreign = (f"SEC{day:%m%d}{officer.officer_id[-4:]}", f"172.16.{int(officer.officer_id[-3:]) % 250}.9")
    log.write(officer.officer_id, _at(day, 14), "LOGIN", terminal=foreign)
    log.write(officer.officer_id, _at(day, 14, 40), "LOGOUT", terminal=foreign)
    out.label(
        "EX-SEC-001",
        "OFFICER_DAY",
        f"{officer.officer_id}|{day}",
        officer.officer_id,
        f"second session from {foreign[0]} / {foreign[1]} while the morning session is open",
    )
    # near miss: logs out at noon and back in five minutes later from the same terminal and address
    log.write(near.officer_id, _at(day, 12), "LOGOUT")
    log.write(near.officer_id, _at(day, 12, 5), "LOGIN")


def _outside_post(ctx: DayContext, rng: random.Random, out: Emit) -> None:
    b = Builder(ctx, rng)
    b.seq = ENTRY_SEQ_BASE
    d = b.declaration("I", dutiable=True)
    taxer = b.tax(d)
    b.release(d)
    intruder = b.pick(d, d.tax_sec, "TAX", exclude=(taxer.officer_id,))
    accept = next(s for s in d.steps if s["step_code"] == "ACCEPT")
    accept["officer_id"] = intruder.officer_id
    d.write(out, "RELEASED")
    out.label(
        "EX-SEC-002",
        "OFFICER_ENTRY",
        f"{intruder.officer_id}|{d.entry_id}",
        intruder.officer_id,
        f"TAX officer performed ACCEPT on {d.entry_id}",
    )
    # near miss: a clean declaration of the same shape, every step inside its officer's post
    clean = b.declaration("I", dutiable=True)
    b.tax(clean)
    b.release(clean)
    clean.write(out, "RELEASED")


def _on_leave(day: date, out: Emit, officer: Officer, near: Officer) -> None:
    for person, d in ((officer, day), (near, day + timedelta(days=1))):
        out.write(
            "officer_duty_roster",
            {
                "officer_id": person.officer_id,
                "duty_date": d,
                "shift_start_ts": _at(d, 0),
                "shift_end_ts": _at(d + timedelta(days=1), 0),
                "duty_type": "leave",
            },
        )
    out.label(
        "EX-SEC-003",
        "OFFICER_DAY",
        f"{officer.officer_id}|{day}",
        officer.officer_id,
        "on leave all day, the account logs in as usual",
    )


def _dormant_account(
    ctx: DayContext, rng: random.Random, log: SecLog, out: Emit, officer: Officer, near: Officer
) -> None:
    day = ctx.biz_date
    released = sorted((d for d in ctx.declarations if d.release_ts is not None), key=lambda d: d.entry_id)
    for person, logins in ((officer, (120,)), (near, (120, 85))):
        for days_back in logins:
            log.write(person.officer_id, _at(day - timedelta(days=days_back), 8, 5), "LOGIN")
        entry = rng.choice(released)
        log_id = log.write(
            person.officer_id,
            _at(day, 15, rng.randint(0, 50)),
            "FORCE_RELEASE",
            "ENTRY",
            entry.entry_id,
            {"status_before": "TAXED", "status_after": "RELEASED", "approval_no": f"SP{entry.entry_id[-8:]}"},
        )
        out.label(
            "AP-HR-001",
            "OPS_LOG",
            str(log_id),
            person.officer_id,
            f"FORCE_RELEASE on {entry.entry_id} (security story, with approval number)",
        )
    out.label(
        "EX-SEC-004",
        "OFFICER_DAY",
        f"{officer.officer_id}|{day}",
        officer.officer_id,
        "last login 120 days ago, forces a release flag today",
    )


def _enterprise_lookups(ctx: DayContext, rng: random.Random, log: SecLog, out: Emit, *officers: Officer) -> None:
    day = ctx.biz_date
    querier, exporter, near_querier, near_exporter = officers
    enterprises = sorted(e["enterprise_code"] for e in ctx.org.enterprises)
    for person, n in ((querier, 22), (near_querier, 15)):
        for k, code in enumerate(rng.sample(enterprises, n)):
            ts = _at(day, 19) + timedelta(minutes=2 * k)
            log.write(person.officer_id, ts, "QUERY_ENTERPRISE", "ENTERPRISE", code)
    for person, rows in ((exporter, 12_000), (near_exporter, 9_000)):
        log.write(
            person.officer_id,
            _at(day, 20, 30),
            "EXPORT_DATA",
            "ENTERPRISE",
            rng.choice(enterprises),
            {"rows": rows, "format": "xlsx"},
        )
    out.label("EX-SEC-006", "OFFICER_DAY", f"{querier.officer_id}|{day}", querier.officer_id, "22 enterprises queried")
    out.label("EX-SEC-006", "OFFICER_DAY", f"{exporter.officer_id}|{day}", exporter.officer_id, "12,000 rows exported")


def _param_updates(day: date, log: SecLog, out: Emit, officer: Officer, near: Officer) -> None:
    for person, approval in ((officer, None), (near, f"CS{day:%Y%m%d}01")):
        detail = {"check_code": "AP-CLR-012", "param_name": "max_hours", "old_value": 24, "new_value": 36}
        if approval:  # the near miss is approved and widens the check (fires more): 24 → 12
            detail.update(approval_no=approval, new_value=12)
        log_id = log.write(
            person.officer_id,
            _at(day, 16, 10),
            "PARAM_UPDATE",
            "PARAM",
            "AP-CLR-012.max_hours",
            detail,
            system_code="HL2008",
        )
        if not approval:
            out.label(
                "EX-SEC-007",
                "PARAM_CHANGE",
                f"LOG:{log_id}",
                person.officer_id,
                "AP-CLR-012 max_hours 24 → 36 without approval number",
            )


def _shared_terminal(day: date, log: SecLog, out: Emit, officers: list[Officer], enterprises: list[str]) -> None:
    owner, borrower, host, guest = officers
    terminal = own_terminal(owner.officer_id)
    log.write(owner.officer_id, _at(day, 6, 10), "LOGIN")
    log.write(owner.officer_id, _at(day, 6, 11), "LOGOUT")
    log.write(borrower.officer_id, _at(day, 6, 13), "LOGIN", terminal=terminal)
    log.write(borrower.officer_id, _at(day, 6, 18), "LOGOUT", terminal=terminal)
    out.label(
        "EX-SEC-008",
        "TERMINAL_DAY",
        f"{terminal[0]}|{day}",
        borrower.officer_id,
        f"logs in on {owner.officer_id}'s terminal at 06:13, off duty",
    )
    # near miss: on duty, a colleague queries from another officer's terminal three minutes after him
    log.write(host.officer_id, _at(day, 10), "QUERY_ENTERPRISE", "ENTERPRISE", enterprises[0])
    log.write(
        guest.officer_id,
        _at(day, 10, 3),
        "QUERY_ENTERPRISE",
        "ENTERPRISE",
        enterprises[1],
        terminal=own_terminal(host.officer_id),
    )
