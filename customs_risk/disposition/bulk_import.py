"""Bulk dispositions from a CSV file: all rows or none.

Columns (header required; `中文(key)` headers as written by the export are accepted): alert_id, action, and as the
action needs them conclusion, disposal_measure, assignee_officer_id, note, document_refs (separated by `;`),
expected_seq. Every row goes through the same `service.perform` as the workbench, in file order, inside one
transaction (a row may act on the state an earlier row left). Any bad row: everything is rolled back and every
bad row is reported with its line number and reason.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime

import psycopg

from customs_risk.disposition.errors import DispositionError
from customs_risk.disposition.export import COLUMNS as EXPORT_COLUMNS
from customs_risk.disposition.permissions import User
from customs_risk.disposition.service import Request, perform

IMPORT_COLUMNS = (
    "alert_id",
    "action",
    "conclusion",
    "disposal_measure",
    "assignee_officer_id",
    "note",
    "document_refs",
    "expected_seq",
)
REQUIRED = ("alert_id", "action")
MAX_ROWS = 10_000
_BRACKETED = re.compile(r"^.*[((]\s*([a-z_]+)\s*[))]\s*$")


class ImportRejected(Exception):
    """The file was not applied; `problems` lists (line number, reason), line 1 being the header."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        super().__init__(
            "导入被拒绝,未做任何变更 — import rejected, nothing applied:\n"
            + "\n".join(f"  第 {line} 行 line {line}: {reason}" for line, reason in problems)
        )


@dataclass(frozen=True)
class Row:
    line: int
    alert_id: int
    request: Request


def parse(data: bytes | str) -> list[Row]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    try:
        raw_header = next(reader)
    except StopIteration:
        raise ImportRejected([(1, "文件为空 the file is empty")]) from None
    header = [_key(h) for h in raw_header]
    ignorable = {key for key, _ in EXPORT_COLUMNS}
    unknown = [raw for raw, key in zip(raw_header, header, strict=True) if key not in IMPORT_COLUMNS + tuple(ignorable)]
    missing = [c for c in REQUIRED if c not in header]
    if unknown or missing:
        reasons = []
        if unknown:
            reasons.append(f"未知列 unknown columns {unknown}; known: {', '.join(IMPORT_COLUMNS)}")
        if missing:
            reasons.append(f"缺少列 missing columns {missing}")
        raise ImportRejected([(1, "; ".join(reasons))])
    rows, problems = [], []
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(rows) + len(problems) >= MAX_ROWS:
            raise ImportRejected([(line, f"文件超过 {MAX_ROWS} 行 more than {MAX_ROWS} rows; split the file")])
        if len(values) != len(header):
            problems.append((line, f"列数 {len(values)} 与表头 {len(header)} 不符 — wrong number of fields"))
            continue
        record = {k: v.strip() for k, v in zip(header, values, strict=True) if k in IMPORT_COLUMNS}
        try:
            rows.append(_row(line, record))
        except ValueError as err:
            problems.append((line, str(err)))
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([(2, "没有数据行 no data rows")])
    return rows


def apply(
    conn: psycopg.Connection, user: User, rows: list[Row], *, now: datetime | None = None, dry_run: bool = False
) -> int:
    """Perform every row in one transaction; on any failure roll everything back and raise ImportRejected.

    With dry_run, every row is checked the same way and the transaction is rolled back even when all pass.
    """
    problems: list[tuple[int, str]] = []
    with conn.transaction():  # raising inside rolls back every row
        for row in rows:
            try:
                with conn.transaction():  # a savepoint: later rows are still checked against a clean state
                    perform(conn, user, row.alert_id, row.request, now=now)
            except DispositionError as err:
                problems.append((row.line, f"预警 {row.alert_id} {row.request.action}: {err.message}"))
        if problems:
            raise ImportRejected(problems)
        if dry_run:
            raise psycopg.Rollback()
    return len(rows)


def _key(header_cell: str) -> str:
    cell = header_cell.strip().lstrip("\ufeff")
    m = _BRACKETED.match(cell)
    return (m.group(1) if m else cell).strip().lower()


def _row(line: int, record: dict[str, str]) -> Row:
    try:
        alert_id = int(record.get("alert_id", ""))
    except ValueError:
        raise ValueError(f"alert_id 须为整数 must be a whole number, got {record.get('alert_id')!r}") from None
    if not record.get("action"):
        raise ValueError("action 必填 is required")
    seq = record.get("expected_seq") or None
    if seq is not None and not seq.isdigit():
        raise ValueError(f"expected_seq 须为整数 must be a whole number, got {seq!r}")
    refs = tuple(r for r in re.split(r"[;;]", record.get("document_refs", "")) if r.strip())
    return Row(
        line,
        alert_id,
        Request(
            action=record["action"],
            conclusion=record.get("conclusion") or None,
            disposal_measure=record.get("disposal_measure") or None,
            assignee_officer_id=record.get("assignee_officer_id") or None,
            note=record.get("note") or None,
            document_refs=refs,
            expected_seq=int(seq) if seq else None,
        ),
    )
