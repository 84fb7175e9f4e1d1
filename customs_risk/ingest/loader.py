"""Load one business day into `raw` with COPY, all tables in one transaction.

Re-running a day replaces that day (delete + COPY in the same transaction); a failure rolls back everything,
so the previous state stays untouched, and the failure is recorded in the load audit afterwards.
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
from customs_risk.contract.ddl import RAW_SCHEMA, missing_columns_ddl, schema_ddl
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
    """Create the raw schema and tables (idempotent); serialised so parallel first runs do not race."""
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(hashtext('customs_risk.raw_schema'))")
        contract = contract or load_contract()
        conn.execute(schema_ddl(contract))
        existing: dict[str, set[str]] = {}
        for table, column in conn.execute(
            "select table_name, column_name from information_schema.columns where table_schema = %s", (RAW_SCHEMA,)
        ):
            existing.setdefault(table, set()).add(column)
        for statement in missing_columns_ddl(contract, existing):
            conn.execute(statement)


def load_day(conn: psycopg.Connection, day_dir: Path, run_id: str | None = None) -> list[TableLoad]:
    contract = load_contract()
    run_id = run_id or uuid.uuid4().hex
    manifest = read_manifest(day_dir, contract)
    ensure_raw_schema(conn, contract)
    loads: list[TableLoad] = []
    try:
        with conn.transaction():
            # one night at a time per day: a second run for the same day waits here
            conn.execute(
                "select pg_advisory_xact_lock(hashtext('customs_risk.load'), %s)", (manifest.biz_date.toordinal(),)
            )
            conn.execute("select set_config('customs_risk.biz_date', %s, true)", (manifest.biz_date.isoformat(),))
            for entry in manifest.entries:
                loads.append(_load_table(conn, contract.table(entry.table), entry, manifest.biz_date))
            _audit(conn, run_id, manifest.biz_date, loads, manifest.entries)
    except ExtractError as err:
        _audit_failure(conn, run_id, manifest.biz_date, err)
        raise
    return loads


def _load_table(conn: psycopg.Connection, table: Table, entry: ManifestEntry, biz_date: date) -> TableLoad:
    started = time.monotonic()
    if not entry.path.exists():
        raise ExtractError(str(entry.path), "file-present", "listed in the manifest but missing")
    conn.execute(f"delete from {RAW_SCHEMA}.{table.name} where _biz_date = %s", (biz_date,))
    columns = ", ".join(f'"{c}"' for c in table.column_names)
    sql = (
        f"copy {RAW_SCHEMA}.{table.name} ({columns}) from stdin "
        f"with (format csv, header match, encoding '{entry.pg_encoding}')"
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
