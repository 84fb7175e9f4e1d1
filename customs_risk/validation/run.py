"""Run the nightly GX checkpoint for one business day, record every result, stop on critical failures."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date

import psycopg

from customs_risk.config import Settings, sqlalchemy_url
from customs_risk.validation.suites import CHECKPOINT, gx_context, row_count_parameter, volume_parameters

VOLUME_DAYS = 14
VOLUME_BAND = (0.5, 2.0)  # a day's rows within half and twice the trailing mean
MIN_HISTORY_DAYS = 3

RESULTS_DDL = """
create table if not exists raw._validation_result (
    biz_date date not null,
    suite text not null,
    expectation text not null,
    column_name text,
    severity text not null,
    success boolean not null,
    observed text,
    unexpected_count bigint,
    recorded_at timestamptz not null default now()
);
"""


class ValidationFailed(Exception):
    """A critical expectation failed: the night stops before any alert is produced."""


@dataclass
class DayValidation:
    biz_date: date
    evaluated: int = 0
    failures: list[dict] = field(default_factory=list)

    @property
    def critical(self) -> list[dict]:
        return [f for f in self.failures if f["severity"] == "critical"]

    @property
    def warnings(self) -> list[dict]:
        return [f for f in self.failures if f["severity"] != "critical"]

    def describe(self) -> str:
        lines = [
            f"{self.biz_date}: {self.evaluated} expectations, {len(self.critical)} critical, "
            f"{len(self.warnings)} warnings"
        ]
        for f in self.failures:
            col = f" column {f['column']}" if f["column"] else ""
            lines.append(
                f"  [{f['severity']}] {f['suite']}:{col} {f['expectation']} — observed {f['observed']}, "
                f"unexpected {f['unexpected_count']}"
            )
        return "\n".join(lines)


def _column_of(cfg) -> str | None:
    kw = cfg.kwargs
    if kw.get("column"):
        return kw["column"]
    if kw.get("column_A"):
        return f"{kw['column_B']} <= {kw['column_A']}"
    return (cfg.meta or {}).get("column") or cfg.description


def volume_bands(conn: psycopg.Connection, biz_date: date, tables: list[str]) -> dict[str, float]:
    """min/max row-count parameters per table from the trailing days' loads (open band without history)."""
    history = dict(
        (table, (days, mean))
        for table, days, mean in conn.execute(
            "select table_name, count(*), avg(rows_loaded) from ("
            "  select distinct on (biz_date, table_name) biz_date, table_name, rows_loaded from raw._load_audit"
            "  where outcome = 'LOADED' and biz_date < %s and biz_date >= %s::date - %s"
            "  order by biz_date, table_name, recorded_at desc) as latest group by table_name",
            (biz_date, biz_date, VOLUME_DAYS),
        )
    )
    out: dict[str, float] = {}
    for table in tables:
        low_name, high_name = volume_parameters(table)
        days, mean = history.get(table, (0, None))
        if days >= MIN_HISTORY_DAYS and mean:
            out[low_name], out[high_name] = float(mean) * VOLUME_BAND[0], float(mean) * VOLUME_BAND[1]
        else:
            out[low_name], out[high_name] = 0, 10**12
    return out


def validate_day(conn: psycopg.Connection, biz_date: date, expected_rows: dict[str, int]) -> DayValidation:
    import os

    os.environ.setdefault("WAREHOUSE_SQLALCHEMY_URL", sqlalchemy_url(Settings.from_env().database_url))
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    ctx = gx_context()
    checkpoint = ctx.checkpoints.get(CHECKPOINT)
    parameters = {row_count_parameter(t): n for t, n in expected_rows.items()}
    parameters.update(volume_bands(conn, biz_date, list(expected_rows)))
    # GX has no batch for a table with no rows that day; the loader already proved such a table matches the
    # manifest (0 rows) and the contract's columns, so only the delivered tables are validated.
    runs = [
        vd.run(expectation_parameters=parameters)
        for vd in checkpoint.validation_definitions
        if expected_rows.get(vd.name, 0) > 0
    ]
    ctx.build_data_docs()
    outcome = DayValidation(biz_date)
    rows = []
    for run in runs:
        suite = run.suite_name
        for r in run.results:
            cfg = r.expectation_config
            severity = (cfg.meta or {}).get("severity", "critical")
            res = r.result or {}
            observed = res.get("observed_value")
            if observed is None and res.get("details"):
                observed = res["details"].get("unexpected_rows", [])[:5] or None
            if observed is None and res.get("partial_unexpected_list"):
                observed = {"sample": res["partial_unexpected_list"][:5]}  # the failing values, for the message
            errors = [
                v["exception_message"]
                for v in (r.exception_info or {}).values()
                if isinstance(v, dict) and v.get("raised_exception")
            ]
            if errors:  # a query that cannot run is a failure to report, not a pass
                observed = f"error: {errors[0][:300]}"
            record = {
                "suite": suite,
                "expectation": cfg.type,
                "column": _column_of(cfg),
                "severity": severity,
                "success": bool(r.success),
                "observed": None if observed is None else json.dumps(observed, default=str, ensure_ascii=False)[:500],
                "unexpected_count": res.get("unexpected_count"),
            }
            outcome.evaluated += 1
            rows.append(record)
            if not r.success:
                outcome.failures.append(record)
    with conn.transaction():
        conn.execute(RESULTS_DDL)
        conn.execute("delete from raw._validation_result where biz_date = %s", (biz_date,))
        with conn.cursor() as cur:
            cur.executemany(
                "insert into raw._validation_result (biz_date, suite, expectation, column_name, severity, success,"
                " observed, unexpected_count) values (%s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        biz_date,
                        r["suite"],
                        r["expectation"],
                        r["column"],
                        r["severity"],
                        r["success"],
                        r["observed"],
                        r["unexpected_count"],
                    )
                    for r in rows
                ],
            )
    return outcome
