"""The two nightly steps (called by the DAG after dbt, with the owner's connection): issue the day's new alerts,
escalate the overdue ones. Both are idempotent: re-running a night appends nothing twice."""

from __future__ import annotations

from datetime import date, datetime

import psycopg
from psycopg.rows import dict_row, tuple_row

from customs_risk.disposition import schema
from customs_risk.disposition.escalation import escalate, issue
from customs_risk.disposition.permissions import can_escalate_further
from customs_risk.disposition.transitions import PENDING_STEP
from customs_risk.disposition.workdays import TZ, WorkCalendar, end_of_day

_LOCK_KEY = 0x484C_4E49_4748  # "HLNIGH": one nightly writer at a time

# warehouse relations read each night (dbt-managed; copied, never referenced by hl objects)
ORG_UNITS = "staging.stg_raw__org_unit"
OFFICERS = "staging.stg_raw__officer"
CALENDAR = "staging.stg_raw__work_calendar"
ALERTS = "marts.fct_alert"
CHECKS = "marts.dim_risk_check"


def sync_reference(conn: psycopg.Connection, as_of: date) -> None:
    """Replace hl's copies of the org tree (as of `as_of`), the officers and the work calendar."""
    with conn.transaction():
        conn.execute("delete from hl.org_unit")
        conn.execute(
            f"""insert into hl.org_unit (unit_code, unit_name_zh, unit_level, parent_unit_code, business_line)
                select distinct on (unit_code) unit_code, unit_name_zh, unit_level, parent_unit_code, business_line
                from {ORG_UNITS}
                where valid_from <= %(d)s and (valid_to is null or valid_to >= %(d)s)
                order by unit_code, valid_from desc""",
            {"d": as_of},
        )
        conn.execute("delete from hl.officer")
        conn.execute(
            f"""insert into hl.officer (officer_id, name_zh, section_unit_code, title, status)
                select officer_id, name_zh, section_unit_code, title, status from {OFFICERS}"""
        )
        conn.execute("delete from hl.work_calendar")
        conn.execute(
            f"""insert into hl.work_calendar (cal_date, is_workday, is_holiday)
                select cal_date, is_workday, is_holiday from {CALENDAR}"""
        )


def issue_new_alerts(conn: psycopg.Connection, biz_date: date | str, now: datetime | None = None) -> int:
    """Copy the business day's alerts from marts.fct_alert into hl.alert and ISSUE every one not yet issued.

    Deadlines count from the issue time (`now`, default the current time). Returns the number issued.
    """
    day = date.fromisoformat(biz_date) if isinstance(biz_date, str) else biz_date
    now = now or datetime.now(TZ)
    schema.migrate(conn)
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        sync_reference(conn, day)
        conn.execute(_COPY_ALERTS.format(alerts=ALERTS, names=_check_names(conn)), {"d": day})
        with conn.cursor(row_factory=dict_row) as cur:
            pending = cur.execute(
                """select alert.alert_id, alert.severity from hl.alert as alert
                   where alert.biz_date = %s and alert.parent_alert_id is null
                     and not exists (select 1 from hl.alert_action as a where a.alert_id = alert.alert_id)
                   order by alert.alert_id""",
                (day,),
            ).fetchall()
        calendar = WorkCalendar.load(conn)
        for row in pending:
            issue(conn, row["alert_id"], row["severity"], now, calendar, detail={"biz_date": day.isoformat()})
    return len(pending)


def escalate_overdue(conn: psycopg.Connection, as_of: date | datetime) -> list[tuple[int, int]]:
    """Escalate every live alert whose pending step was due by `as_of` (a date means the end of that day).

    Yellow → orange, orange → red, red → the next higher unit (§1.5.1). The old alert gets ESCALATE and ends;
    the new one is issued at `as_of` with fresh deadlines. Returns (old alert_id, new alert_id) pairs.
    """
    moment = end_of_day(as_of) if not isinstance(as_of, datetime) else as_of
    schema.migrate(conn)
    done: list[tuple[int, int]] = []
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        calendar = WorkCalendar.load(conn)
        with conn.cursor(row_factory=dict_row) as cur:
            overdue = cur.execute(
                """select * from hl.alert_state
                   where status in ('OPEN', 'ACKED', 'VERIFYING', 'CONFIRMED', 'DISPOSED')
                     and due_ts is not null and due_ts <= %s
                   order by alert_id""",
                (moment,),
            ).fetchall()
        for alert in overdue:
            if not can_escalate_further(alert):
                continue  # red at the top: EX-DSP-002 keeps flagging it
            step = PENDING_STEP[alert["status"]]
            new_id = escalate(
                conn,
                alert,
                ts=moment,
                calendar=calendar,
                reason=f"OVERDUE:{step}",
                deadline_ts=alert["due_ts"],
                note=f"{step} 超期 overdue (due {alert['due_ts'].astimezone(TZ):%Y-%m-%d %H:%M})",
            )
            done.append((alert["alert_id"], new_id))
    return done


def _check_names(conn: psycopg.Connection) -> str:
    with conn.cursor(row_factory=tuple_row) as cur:
        exists = cur.execute("select to_regclass(%s) is not null", (CHECKS,)).fetchone()[0]
    return f"(select name_zh from {CHECKS} as c where c.check_code = f.check_code limit 1)" if exists else "null"


_COPY_ALERTS = """
insert into hl.alert (
    alert_key, check_code, check_name_zh, biz_date, severity, object_type, object_id, event_ts, enterprise_code,
    officer_id, post_code, section_unit_code, subordinate_unit_code, direct_customs_code, charged_unit_code,
    evidence, params
)
select
    f.alert_key, f.check_code, {names}, f.biz_date, f.severity, f.object_type, f.object_id, f.event_ts,
    f.enterprise_code, f.officer_id, f.post_code, f.section_unit_code, f.subordinate_unit_code, f.direct_customs_code,
    coalesce(
        f.section_unit_code, f.subordinate_unit_code, f.direct_customs_code,
        f.evidence ->> 'section_unit_code', f.evidence ->> 'subordinate_unit_code', f.evidence ->> 'unit_code',
        (select unit_code from hl.org_unit where parent_unit_code is null order by unit_code limit 1)
    ),
    coalesce(f.evidence, '{{}}'::jsonb), coalesce(f.params, '{{}}'::jsonb)
from {alerts} as f
where f.biz_date = %(d)s
order by f.alert_key
on conflict (alert_key) do nothing
"""


def run_night(biz_date: str) -> dict[str, int]:
    """The DAG's one call after dbt: migrate, issue the day's alerts, escalate what is overdue at its end."""
    from customs_risk.db import connect

    with connect() as conn:
        issued = issue_new_alerts(conn, biz_date)
        escalated = escalate_overdue(conn, date.fromisoformat(biz_date))
    result = {"issued": issued, "escalated": len(escalated)}
    print(f"disposition {biz_date}: {result}")
    return result
