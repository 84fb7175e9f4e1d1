"""The one-screen summary of the nightly runs: rows loaded, validation, alerts by severity, scenarios caught."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import psycopg

from customs_risk.generator import LABELS_DIR

SEVERITIES = ("red", "orange", "yellow")


@dataclass
class DaySummary:
    biz_date: str
    rows_loaded: int
    tables_loaded: int
    validation: str
    alerts: dict[str, int]
    scenarios_expected: int
    scenarios_caught: int


def summarise(conn: psycopg.Connection, days: list[str], landing: Path) -> list[DaySummary]:
    out = []
    for day in days:
        rows, tables = conn.execute(
            "select coalesce(sum(rows_loaded), 0), count(*) from raw._load_audit a "
            "where biz_date = %s and outcome = 'LOADED' and run_id = ("
            "  select run_id from raw._load_audit where biz_date = %s and outcome = 'LOADED'"
            "  order by recorded_at desc limit 1)",
            (day, day),
        ).fetchone()
        critical, warnings, evaluated = conn.execute(
            "select count(*) filter (where not success and severity = 'critical'),"
            " count(*) filter (where not success and severity <> 'critical'), count(*)"
            " from raw._validation_result where biz_date = %s",
            (day,),
        ).fetchone()
        validation = (
            "not run"
            if not evaluated
            else (f"FAILED ({critical} critical)" if critical else f"passed ({evaluated} checks, {warnings} warnings)")
        )
        alerts = dict(
            conn.execute(
                "select severity, count(*) from marts.fct_alert where biz_date = %s group by 1", (day,)
            ).fetchall()
        )
        expected, caught = _scenarios(conn, day, landing)
        out.append(DaySummary(day, int(rows), int(tables), validation, alerts, expected, caught))
    return out


def _scenarios(conn: psycopg.Connection, day: str, landing: Path) -> tuple[int, int]:
    labels_file = landing / LABELS_DIR / f"{day}.json"
    if not labels_file.exists():
        return 0, 0
    labels = json.loads(labels_file.read_text(encoding="utf-8"))["alerts"]
    found = set(
        conn.execute(
            "select check_code, object_id, officer_id from marts.fct_alert where first_seen_date <= %s", (day,)
        ).fetchall()
    )
    caught = sum(1 for x in labels if (x["check_code"], x["object_id"], x["officer_id"]) in found)
    return len(labels), caught


def render(days: list[DaySummary]) -> str:
    head = (
        f"{'business day':<13}{'rows loaded':>12}{'tables':>8}  {'validation':<34}"
        + "".join(f"{s:>8}" for s in SEVERITIES)
        + f"{'scenarios caught':>18}"
    )
    lines = [head, "-" * len(head)]
    for d in days:
        lines.append(
            f"{d.biz_date:<13}{d.rows_loaded:>12,}{d.tables_loaded:>8}  {d.validation:<34}"
            + "".join(f"{d.alerts.get(s, 0):>8}" for s in SEVERITIES)
            + f"{f'{d.scenarios_caught}/{d.scenarios_expected}':>18}"
        )
    return "\n".join(lines)
