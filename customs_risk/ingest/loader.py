"""Load one business day: stage every table with COPY in one transaction, then publish the day into `raw`.

`stage_day` verifies the manifest (files, SHA-256, row counts, encodings, header) while COPYing each file into a
fresh `raw_incoming` table; any failure rolls the whole stage back and is recorded in the load audit.
`publish_day` swaps the staged tables in as the day's partitions in one transaction (re-running a day replaces
it). The nightly DAG validates between the two, so a rejected day never reaches `raw`.
"""

from __future__ import annotations

import hashlib
import time
import uuid
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg

from customs_risk.contract import Contract, Table, load_contract
from customs_risk.contract.ddl import (
    INCOMING_SCHEMA,
    RAW_SCHEMA,
    incoming_table_ddl,
    missing_columns_ddl,
    publish_ddl,
    schema_ddl,
)
from customs_risk.ingest.errors import ExtractError
from customs_risk.ingest.manifest import ManifestEntry, read_manifest

CHUNK = 1 << 20


@dataclass(frozen=True)
class TableLoad:
    table: str
    rows: int
    sha256: str
    duration_ms: int


def ensure_raw_schema(conn: psycopg.Connection, contract: Contract | None = None) -> None:
    """Create or extend the raw and raw_incoming tables to the contract (idempotent, and a no-op when current)."""
    contract = contract or load_contract()
    if not _schema_changes_needed(conn, contract):
        return
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(hashtext('customs_risk.raw_schema'))")  # parallel first runs
        legacy = conn.execute(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = %s and c.relkind = 'r' and c.relname = any(%s)",
            (RAW_SCHEMA, list(contract.tables)),
        ).fetchall()
        if legacy:
            raise RuntimeError(
                f"raw.{legacy[0][0]} was created by an older version (not partitioned by day): "
                "drop the schema (`drop schema raw cascade`) or the state folder (`make clean`) and reload"
            )
        conn.execute(schema_ddl(contract))
        for statement in missing_columns_ddl(contract, _columns(conn, RAW_SCHEMA)):
            conn.execute(statement)


def ensure_incoming_tables(conn: psycopg.Connection, contract: Contract | None = None) -> None:
    """Empty raw_incoming tables for a fresh database (a night creates its own; GX needs them to exist)."""
    contract = contract or load_contract()
    ensure_raw_schema(conn, contract)
    for name in contract.tables:
        conn.execute(
            f"create table if not exists {INCOMING_SCHEMA}.{name} (like {RAW_SCHEMA}.{name} including defaults)"
        )


def _columns(conn: psycopg.Connection, schema: str) -> dict[str, set[str]]:
    existing: dict[str, set[str]] = {}
    for table, column in conn.execute(  # pg_catalog: information_schema is slow with many partitions
        "select c.relname, a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid"
        " join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = %s and c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0"
        " and not a.attisdropped",
        (schema,),
    ):
        existing.setdefault(table, set()).add(column)
    return existing


def _schema_changes_needed(conn: psycopg.Connection, contract: Contract) -> bool:
    raw = _columns(conn, RAW_SCHEMA)
    if "_load_audit" not in raw:
        return True
    return any(not set(t.column_names) <= raw.get(t.name, set()) for t in contract.tables.values())


def _day_lock(conn: psycopg.Connection, biz_date: date) -> None:
    # one night at a time per business day: a second run for the same day waits here
    conn.execute("select pg_advisory_xact_lock(hashtext('customs_risk.load'), %s)", (biz_date.toordinal(),))


def stage_day(conn: psycopg.Connection, day_dir: Path, run_id: str | None = None) -> list[TableLoad]:
    """Verify and COPY the day into raw_incoming (one transaction). Raises ExtractError on bad input."""
    contract = load_contract()
    run_id = run_id or uuid.uuid4().hex
    manifest = read_manifest(day_dir, contract)
    ensure_raw_schema(conn, contract)
    loads: list[TableLoad] = []
    try:
        with conn.transaction():
            _day_lock(conn, manifest.biz_date)
            conn.execute("select set_config('customs_risk.biz_date', %s, true)", (manifest.biz_date.isoformat(),))
            for entry in manifest.entries:
                table = contract.table(entry.table)
                conn.execute(incoming_table_ddl(table, manifest.biz_date))
                loads.append(_load_table(conn, table, entry))
            _audit(conn, run_id, manifest.biz_date, loads, manifest.entries)
    except ExtractError as err:
        _audit_failure(conn, run_id, manifest.biz_date, err)
        raise
    return loads


def publish_day(conn: psycopg.Connection, biz_date: date) -> None:
    """Swap the staged day in as the day's partition of every raw table, in one transaction."""
    contract = load_contract()
    with conn.transaction():
        _day_lock(conn, biz_date)
        for table in contract.tables.values():
            staged = conn.execute(
                f"select count(*) filter (where _biz_date <> %s) from {INCOMING_SCHEMA}.{table.name}", (biz_date,)
            ).fetchone()[0]
            if staged:
                raise RuntimeError(f"{INCOMING_SCHEMA}.{table.name} holds another day than {biz_date}: stage it again")
            conn.execute(publish_ddl(table, biz_date))


def load_day(conn: psycopg.Connection, day_dir: Path, run_id: str | None = None) -> list[TableLoad]:
    """Stage and publish a day without the validation gate between (tools and tests; the DAG validates)."""
    loads = stage_day(conn, day_dir, run_id)
    publish_day(conn, read_manifest(day_dir, load_contract()).biz_date)
    return loads


def _load_table(conn: psycopg.Connection, table: Table, entry: ManifestEntry) -> TableLoad:
    started = time.monotonic()
    if not entry.path.exists():
        raise ExtractError(str(entry.path), "file-present", "listed in the manifest but missing")
    columns = ", ".join(f'"{c}"' for c in table.column_names)
    # FREEZE: the table was created in this transaction, so rows can be written frozen (no later vacuum pass)
    sql = (
        f"copy {INCOMING_SCHEMA}.{table.name} ({columns}) from stdin "
        f"with (format csv, header match, encoding '{entry.pg_encoding}', freeze true)"
    )
    digest = hashlib.sha256()
    try:
        with conn.cursor() as cur:
            with cur.copy(sql) as copy, entry.path.open("rb") as f:
                inflate = zlib.decompressobj(wbits=31)  # gzip; hash the bytes as delivered, feed COPY the text
                while chunk := f.read(CHUNK):
                    digest.update(chunk)
                    copy.write(inflate.decompress(chunk))
                copy.write(inflate.flush())
            rows = cur.rowcount
    except psycopg.Error as err:
        raise _copy_error(entry, err) from err
    except zlib.error as err:
        raise ExtractError(str(entry.path), "gzip", f"not a valid gzip file: {err}") from err
    if digest.hexdigest() != entry.sha256:
        raise ExtractError(str(entry.path), "checksum", f"SHA-256 {digest.hexdigest()} != manifest {entry.sha256}")
    if rows != entry.rows:
        raise ExtractError(str(entry.path), "row-count", f"{rows} rows loaded, manifest says {entry.rows}")
    return TableLoad(table.name, rows, entry.sha256, int((time.monotonic() - started) * 1000))


def _copy_error(entry: ManifestEntry, err: psycopg.Error) -> ExtractError:
    """Turn PostgreSQL's COPY context ('COPY t, line 5, column x: ...') into file/row/rule terms."""
    diag = err.diag
    context = diag.context or ""
    row = None
    if ", line " in context:
        try:
            row = int(context.split(", line ", 1)[1].split(",", 1)[0].split(":", 1)[0]) - 1  # header is line 1
        except ValueError:
            row = None
    rule = "encoding" if diag.sqlstate == "22021" else "header" if "header" in (diag.message_primary or "") else "type"
    return ExtractError(str(entry.path), rule, f"{diag.message_primary} ({context.strip()})", row)


def _audit(conn, run_id, biz_date, loads: list[TableLoad], entries: list[ManifestEntry]) -> None:
    files = {e.table: e.path.name for e in entries}
    with conn.cursor() as cur:
        cur.executemany(
            f"insert into {RAW_SCHEMA}._load_audit (run_id, biz_date, table_name, file_name, rows_loaded, sha256,"
            " duration_ms, outcome) values (%s, %s, %s, %s, %s, %s, %s, 'LOADED')",
            [(run_id, biz_date, x.table, files[x.table], x.rows, x.sha256, x.duration_ms) for x in loads],
        )


def _audit_failure(conn, run_id, biz_date, err: ExtractError) -> None:
    with conn.transaction():
        conn.execute(
            f"insert into {RAW_SCHEMA}._load_audit (run_id, biz_date, table_name, file_name, outcome, message)"
            " values (%s, %s, %s, %s, 'FAILED', %s)",
            (run_id, biz_date, Path(err.file).name.split(".")[0], Path(err.file).name, str(err)),
        )
