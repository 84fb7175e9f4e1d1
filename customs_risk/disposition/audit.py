"""The audit of every request (web) and command (CLI): who, what, when, outcome. Append-only, like the log."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb


def record(
    conn: psycopg.Connection,
    *,
    channel: str,
    path: str,
    user_name: str | None = None,
    method: str | None = None,
    query: str | None = None,
    status_code: int | None = None,
    client_addr: str | None = None,
    duration_ms: int | None = None,
    detail: dict | None = None,
) -> None:
    with conn.transaction():
        conn.execute(
            """insert into hl.request_audit
                   (channel, user_name, method, path, query, status_code, client_addr, duration_ms, detail)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            (
                channel,
                user_name,
                method,
                path[:2000],
                (query or "")[:2000] or None,
                status_code,
                client_addr,
                duration_ms,
                Jsonb(detail or {}),
            ),
        )
