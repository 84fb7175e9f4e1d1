"""Issuing an alert (the ISSUE action with its deadlines) and escalating one (§1.5): a new, linked alert one colour
up — or, for a red alert, one organisation level up — issued afresh, and an ESCALATE action ending the old one."""

from __future__ import annotations

from datetime import datetime

import psycopg
from psycopg.rows import dict_row

from customs_risk.disposition import store
from customs_risk.disposition.deadlines import issue_plan
from customs_risk.disposition.errors import ConcurrentChange, IllegalTransition
from customs_risk.disposition.permissions import can_escalate_further
from customs_risk.disposition.vocab import COLOURS
from customs_risk.disposition.workdays import WorkCalendar

SYSTEM_USER = "system"
_COPIED = (
    "check_code, check_name_zh, biz_date, object_type, object_id, event_ts, enterprise_code, officer_id, post_code,"
    " section_unit_code, subordinate_unit_code, direct_customs_code, charged_unit_code, evidence, params"
)


def issue(
    conn: psycopg.Connection, alert_id: int, severity: str, ts: datetime, calendar: WorkCalendar, detail=None
) -> int:
    plan = issue_plan(calendar, severity, ts)
    return store.append_action(
        conn,
        alert_id=alert_id,
        after_seq=0,
        action="ISSUE",
        actor_user=SYSTEM_USER,
        actor_role="system",
        ts=ts,
        next_deadline_ts=plan["ACK"],
        detail={"deadlines": {step: due.isoformat() for step, due in plan.items()}, **(detail or {})},
    )


def escalated_severity(severity: str) -> str:
    return COLOURS[min(COLOURS.index(severity) + 1, len(COLOURS) - 1)]


def escalate(
    conn: psycopg.Connection,
    alert: dict,
    *,
    ts: datetime,
    calendar: WorkCalendar,
    reason: str,
    actor_user: str = SYSTEM_USER,
    actor_role: str = "system",
    actor_officer_id: str | None = None,
    note: str | None = None,
    document_refs: tuple[str, ...] = (),
    deadline_ts: datetime | None = None,
) -> int:
    """Create the escalated alert, issue it, and append ESCALATE to the old one; return the new alert_id."""
    if not can_escalate_further(alert):
        raise IllegalTransition(
            f"预警 {alert['alert_id']} 已是最高等级和层级 — already red at the top level, cannot escalate further"
        )
    severity = escalated_severity(alert["severity"])
    shift = int(alert["level_shift"]) + (1 if alert["severity"] == "red" else 0)
    with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
        try:
            with conn.transaction():
                new_id = _copy_alert(cur, alert["alert_id"], severity, shift, reason, ts)
        except psycopg.errors.UniqueViolation as err:
            raise ConcurrentChange(f"预警 {alert['alert_id']} 已被升级 — the alert was escalated meanwhile") from err
        store.append_action(
            conn,
            alert_id=alert["alert_id"],
            after_seq=alert["last_seq"],
            action="ESCALATE",
            actor_user=actor_user,
            actor_role=actor_role,
            actor_officer_id=actor_officer_id,
            ts=ts,
            deadline_ts=deadline_ts,
            note=note,
            document_refs=document_refs,
            related_alert_id=new_id,
            detail={"reason": reason, "to_severity": severity, "to_level_shift": shift},
        )
        issue(conn, new_id, severity, ts, calendar, detail={"escalated_from": alert["alert_id"], "reason": reason})
    return new_id


def _copy_alert(cur: psycopg.Cursor, alert_id: int, severity: str, shift: int, reason: str, ts: datetime) -> int:
    return cur.execute(
        f"""insert into hl.alert (alert_key, severity, level_shift, parent_alert_id, escalation_reason,
                                  created_ts, {_COPIED})
            select alert_key || '>E', %s, %s, alert_id, %s, %s, {_COPIED}
            from hl.alert where alert_id = %s
            returning alert_id""",
        (severity, shift, reason, ts, alert_id),
    ).fetchone()["alert_id"]
