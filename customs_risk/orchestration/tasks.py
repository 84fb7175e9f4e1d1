"""The nightly steps as plain functions (the DAG's tasks call these; tests and the CLI can too)."""

from __future__ import annotations

import json
from datetime import date

from customs_risk.config import Settings
from customs_risk.db import connect


def load_extract(biz_date: str) -> dict[str, int]:
    """Verify the day's manifest and stage every table (COPY into raw_incoming, one transaction); rows per table."""
    from customs_risk.ingest.loader import stage_day

    settings = Settings.from_env()
    with connect(settings.database_url, autocommit=True) as conn:
        loads = stage_day(conn, settings.landing_dir / biz_date)
    return {x.table: x.rows for x in loads}


def publish_extract(biz_date: str) -> None:
    """Swap the validated day into raw as that day's partitions (one transaction)."""
    from customs_risk.ingest.loader import publish_day

    with connect(autocommit=True) as conn:
        publish_day(conn, date.fromisoformat(biz_date))


def validate_extract(biz_date: str, rows: dict[str, int]) -> dict:
    """Run the GX gate; raise ValidationFailed (stopping the night) on any critical failure."""
    from customs_risk.validation.run import ValidationFailed, validate_day

    with connect(autocommit=True) as conn:
        outcome = validate_day(conn, date.fromisoformat(biz_date), rows)
    print(outcome.describe())
    if outcome.critical:
        raise ValidationFailed(outcome.describe())
    return {"evaluated": outcome.evaluated, "critical": 0, "warnings": len(outcome.warnings)}


def publish_alert_counts(biz_date: str) -> dict[str, int]:
    """The day's new alerts by severity: the run's result, as XCom and in the task log."""
    with connect() as conn:
        counts = dict(
            conn.execute(
                "select severity, count(*) from marts.fct_alert where biz_date = %s group by severity", (biz_date,)
            ).fetchall()
        )
    print(json.dumps({"biz_date": biz_date, "new_alerts": counts}, ensure_ascii=False))
    return counts
