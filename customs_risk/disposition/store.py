"""Reads and appends on hl: one alert's state, its history, and the one way to write — appending an action."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import psycopg
from psycopg.rows import dict_row, tuple_row
from psycopg.types.json import Jsonb

from customs_risk.disposition.errors import ConcurrentChange

ACTION_COLUMNS = (
    "alert_id",
    "action_seq",
    "action",
    "actor_officer_id",
    "actor_user",
    "actor_role",
    "ts",
    "deadline_ts",
    "next_deadline_ts",
    "conclusion",
    "disposal_measure",
    "assignee_officer_id",
    "note",
    "document_refs",
    "related_alert_id",
    "detail",
)


def get_alert(conn: psycopg.Connection, alert_id: int) -> dict | None:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute("select * from hl.alert_state where alert_id = %s", (alert_id,)).fetchone()


def in_subtree(conn: psycopg.Connection, root_unit: str, unit: str | None) -> bool:
    if unit is None:
        return False
    with conn.cursor(row_factory=tuple_row) as cur:
        return bool(cur.execute("select %s in (select hl.unit_subtree(%s))", (unit, root_unit)).fetchone()[0])


def history(conn: psycopg.Connection, alert_id: int) -> list[dict]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            """select action.*, actor.name_zh as actor_name, assignee.name_zh as assignee_name
               from hl.alert_action as action
               left join hl.officer as actor on actor.officer_id = action.actor_officer_id
               left join hl.officer as assignee on assignee.officer_id = action.assignee_officer_id
               where action.alert_id = %s order by action.action_seq""",
            (alert_id,),
        ).fetchall()


def officer_exists(conn: psycopg.Connection, officer_id: str) -> bool:
    """True when the officer is known, or when no officer list has been synchronised yet."""
    with conn.cursor(row_factory=tuple_row) as cur:
        row = cur.execute(
            "select exists (select 1 from hl.officer where officer_id = %s) or not exists (select 1 from hl.officer)",
            (officer_id,),
        ).fetchone()
    return bool(row[0])


def append_action(
    conn: psycopg.Connection,
    *,
    alert_id: int,
    after_seq: int,
    action: str,
    actor_user: str,
    actor_role: str,
    ts: datetime,
    actor_officer_id: str | None = None,
    deadline_ts: datetime | None = None,
    next_deadline_ts: datetime | None = None,
    conclusion: str | None = None,
    disposal_measure: str | None = None,
    assignee_officer_id: str | None = None,
    note: str | None = None,
    document_refs: Sequence[str] = (),
    related_alert_id: int | None = None,
    detail: dict | None = None,
) -> int:
    """Append one action as number after_seq + 1; someone else's action in between → ConcurrentChange."""
    values = {
        "alert_id": alert_id,
        "action_seq": after_seq + 1,
        "action": action,
        "actor_officer_id": actor_officer_id,
        "actor_user": actor_user,
        "actor_role": actor_role,
        "ts": ts,
        "deadline_ts": deadline_ts,
        "next_deadline_ts": next_deadline_ts,
        "conclusion": conclusion,
        "disposal_measure": disposal_measure,
        "assignee_officer_id": assignee_officer_id,
        "note": note,
        "document_refs": list(document_refs),
        "related_alert_id": related_alert_id,
        "detail": Jsonb(detail or {}),
    }
    columns = ", ".join(ACTION_COLUMNS)
    placeholders = ", ".join(f"%({c})s" for c in ACTION_COLUMNS)
    try:
        with conn.transaction(), conn.cursor(row_factory=tuple_row) as cur:
            row = cur.execute(
                f"insert into hl.alert_action ({columns}) values ({placeholders}) returning action_id", values
            ).fetchone()
    except psycopg.errors.UniqueViolation as err:
        raise ConcurrentChange(
            f"预警 {alert_id} 已被他人更新,请刷新后重试 — the alert changed since it was read; reload and retry",
            alert_id=alert_id,
        ) from err
    return row[0]
