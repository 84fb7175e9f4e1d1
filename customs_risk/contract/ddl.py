"""The `raw` schema derived from the contract: one table per extract table, plus the load audit."""

from __future__ import annotations

from customs_risk.contract import Contract, Table

RAW_SCHEMA = "raw"
# Every raw row carries the business day it was delivered for; COPY fills it from a transaction setting.
BIZ_DATE_DEFAULT = "current_setting('customs_risk.biz_date')::date"


def raw_table_ddl(table: Table) -> str:
    cols = [f'    "{c.name}" {c.type}' for c in table.columns]
    cols.append(f"    _biz_date date not null default {BIZ_DATE_DEFAULT}")
    cols.append("    _loaded_at timestamptz not null default now()")
    body = ",\n".join(cols)
    return (
        f"create table if not exists {RAW_SCHEMA}.{table.name} (\n{body}\n);\n"
        f"create index if not exists {table.name}__biz_date on {RAW_SCHEMA}.{table.name} (_biz_date);"
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
    parts = [f"create schema if not exists {RAW_SCHEMA};", LOAD_AUDIT_DDL]
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
