"""The `hl` schema: plain SQL migrations (sql/NNN_*.sql) applied once each, in order, recorded in hl.schema_migrations.

dbt does not manage `hl` (it would drop relations it does not know), so the schema is versioned here.
An applied migration is never edited: a changed checksum stops `migrate` with an error naming the file.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

SQL_DIR = Path(__file__).resolve().parent / "sql"
APP_ROLE = "hl_app"
_LOCK_KEY = 0x484C_4D49_4752  # "HLMIGR": one migrator at a time
_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


class MigrationError(RuntimeError):
    """An applied migration file was changed, or the files are misnamed."""


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    text: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def migrations() -> list[Migration]:
    found = []
    for path in sorted(SQL_DIR.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise MigrationError(f"{path}: migration files are named NNN_lower_case.sql")
        found.append(Migration(m.group(1), path.name, path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"duplicate migration numbers in {SQL_DIR}")
    return found


def migrate(conn: psycopg.Connection) -> list[str]:
    """Apply the pending migrations (each in its own transaction); return the names applied. Idempotent."""
    applied_now: list[str] = []
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
        conn.execute("create schema if not exists hl")
        conn.execute(
            """create table if not exists hl.schema_migrations (
                   version text primary key, name text not null, checksum text not null,
                   applied_ts timestamptz not null default now())"""
        )
        with conn.cursor(row_factory=tuple_row) as cur:
            done = dict(cur.execute("select version, checksum from hl.schema_migrations").fetchall())
        for mig in migrations():
            if mig.version in done:
                if done[mig.version] != mig.checksum:
                    raise MigrationError(
                        f"{mig.name} was changed after it was applied; add a new migration instead of editing it"
                    )
                continue
            with conn.transaction():
                conn.execute(mig.text)
                conn.execute(
                    "insert into hl.schema_migrations (version, name, checksum) values (%s, %s, %s)",
                    (mig.version, mig.name, mig.checksum),
                )
            applied_now.append(mig.name)
        _set_app_password(conn)
    return applied_now


def _set_app_password(conn: psycopg.Connection) -> None:
    """With CR_HL_APP_PASSWORD set (a server with password auth), give the app role that password."""
    password = os.environ.get("CR_HL_APP_PASSWORD")
    if password:
        conn.execute(sql.SQL("alter role {} password {}").format(sql.Identifier(APP_ROLE), sql.Literal(password)))


def migrate_warehouse() -> list[str]:
    """`migrate` on the project's warehouse (for `customs-risk prepare`)."""
    from customs_risk.db import connect

    with connect(autocommit=True) as conn:
        return migrate(conn)
