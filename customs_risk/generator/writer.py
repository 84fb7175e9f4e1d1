"""Writes one business day of the extract: one gzip CSV per contract table, then manifest.json last.

Output is byte-for-byte reproducible: gzip headers carry no time or name, rows are written in generation order.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from customs_risk.contract import Contract, Table

MANIFEST = "manifest.json"


def format_value(value: object) -> str | None:
    """CSV text for one value; None stays None so COPY reads it as NULL."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        return "{" + ",".join(str(v) for v in value) + "}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


class TableWriter:
    def __init__(self, table: Table, path: Path, encoding: str):
        self.table = table
        self.path = path
        self.rows = 0
        self._columns = table.column_names
        self._known = set(self._columns)
        self._raw = path.open("wb")
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0, compresslevel=6)
        self._text = io.TextIOWrapper(self._gz, encoding=encoding, newline="")
        # None is written as an empty field, which COPY ... CSV reads as NULL (the extract has no empty strings)
        self._csv = csv.writer(self._text, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        self._csv.writerow(self._columns)

    def write(self, row: dict) -> None:
        unknown = row.keys() - self._known
        if unknown:
            raise KeyError(f"{self.table.name}: columns not in the contract: {sorted(unknown)}")
        if "record_deleted" in self._known and "record_deleted" not in row:
            row = {**row, "record_deleted": False}
        self._csv.writerow([format_value(row.get(c)) for c in self._columns])
        self.rows += 1

    def close(self) -> None:
        self._text.close()
        self._raw.close()


class DayWriter:
    """Context manager: `with DayWriter(...) as out: out.write('dec_head', row)`; the manifest is written on success."""

    def __init__(self, contract: Contract, day_dir: Path, biz_date: date, encoding: str = "utf-8"):
        self.contract = contract
        self.day_dir = day_dir
        self.biz_date = biz_date
        self.encoding = encoding
        self._writers: dict[str, TableWriter] = {}

    def __enter__(self) -> DayWriter:
        self.day_dir.mkdir(parents=True, exist_ok=True)
        (self.day_dir / MANIFEST).unlink(missing_ok=True)  # a day without manifest is incomplete
        for name, table in self.contract.tables.items():
            self._writers[name] = TableWriter(table, self.day_dir / f"{name}.csv.gz", self.encoding)
        return self

    def write(self, table: str, row: dict) -> None:
        self._writers[table].write(row)

    def __exit__(self, exc_type, exc, tb) -> None:
        for w in self._writers.values():
            w.close()
        if exc_type is None:
            self._write_manifest()

    def _write_manifest(self) -> None:
        entries = []
        for name, w in self._writers.items():
            entries.append(
                {
                    "table": name,
                    "file": w.path.name,
                    "encoding": self.encoding,
                    "rows": w.rows,
                    "sha256": hashlib.sha256(w.path.read_bytes()).hexdigest(),
                }
            )
        manifest = {
            "business_date": self.biz_date.isoformat(),
            # fixed, not the wall clock: the same seed must give the same bytes
            "extract_ts": f"{(self.biz_date + timedelta(days=1)).isoformat()}T02:00:00+08:00",
            "source_system": "customs-risk synthetic extract",
            "contract_version": self.contract.version,
            "timezone": self.contract.timezone,
            "tables": entries,
        }
        (self.day_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
