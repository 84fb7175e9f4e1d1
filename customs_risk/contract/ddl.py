"""The `raw` schema derived from the contract: one table per extract table, plus the load audit.

Each raw table is partitioned by business day. A night COPYs its day into a fresh table in `raw_incoming`
(the table GX validates), and only a validated day is attached as the table's partition for that day; re-running
a day swaps the partition. So a rejected day leaves `raw` exactly as it was, and a night costs what the day costs.
"""

from __future__ import annotations

from datetime import date

from customs_risk.contract import Contract, Table

RAW_SCHEMA = "raw"
INCOMING_SCHEMA = "raw_incoming"
# Every raw row carries the business day it was delivered for; COPY fills it from a transaction setting.
BIZ_DATE_DEFAULT = "current_setting('customs_risk.biz_date')::date"


def raw_table_ddl(table: Table) -> str:
    cols = [f'    "{c.name}" {c.type}' for c in table.columns]
    cols.append(f"    _biz_date date not null default {BIZ_DATE_DEFAULT}")
    cols.append("    _loaded_at timestamptz not null default now()")
    body = ",\n".join(cols)
    return f"create table if not exists {RAW_SCHEMA}.{table.name} (\n{body}\n) partition by list (_biz_date);"


def partition_name(table: str, biz_date: date) -> str:
    return f"{table}__d{biz_date:%Y%m%d}"


def incoming_table_ddl(table: Table, biz_date: date) -> str:
    """A fresh table for one day's delivery of `table`, shaped like its raw parent and bound to that day."""
    return (
        f"drop table if exists {INCOMING_SCHEMA}.{table.name};\n"
        f"create table {INCOMING_SCHEMA}.{table.name} (like {RAW_SCHEMA}.{table.name} including defaults,"
        f" constraint {table.name}__day check (_biz_date = date '{biz_date.isoformat()}'));"
    )


def publish_ddl(table: Table, biz_date: date) -> str:
    """Swap the validated incoming table in as the day's partition (replacing an earlier load of that day)."""
    part = partition_name(table.name, biz_date)
    return (
        f"drop table if exists {RAW_SCHEMA}.{part};\n"
        f"alter table {INCOMING_SCHEMA}.{table.name} rename to {part};\n"
        f"alter table {INCOMING_SCHEMA}.{part} set schema {RAW_SCHEMA};\n"
        f"alter table {RAW_SCHEMA}.{table.name} attach partition {RAW_SCHEMA}.{part}"
        f" for values in ('{biz_date.isoformat()}');"
    )


LOAD_AUDIT_DDL = f"""
create table if not exists {RAW_SCHEMA}._load_audit (
    run_id text not null,
    biz_date date not null,
    table_name text not null,
    file_name text,
    rows_loaded bigint,
    sha256 text,
    duration_ms integer,
    outcome text not null check (outcome in ('LOADED', 'FAILED')),
    message text,
    recorded_at timestamptz not null default now()
);
"""


def schema_ddl(contract: Contract) -> str:
    parts = [
        f"create schema if not exists {RAW_SCHEMA};",
        f"create schema if not exists {INCOMING_SCHEMA};",
        LOAD_AUDIT_DDL,
    ]
    parts += [raw_table_ddl(t) for t in contract.tables.values()]
    return "\n".join(parts)


def missing_columns_ddl(contract: Contract, existing: dict[str, set[str]]) -> list[str]:
    """`alter table ... add column` for contract columns a raw table created by an older contract lacks."""
    out = []
    for t in contract.tables.values():
        have = existing.get(t.name)
        if have is None:
            continue
        out += [
            f'alter table {RAW_SCHEMA}.{t.name} add column "{c.name}" {c.type};'
            for c in t.columns
            if c.name not in have
        ]
    return out
