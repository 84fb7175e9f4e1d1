"""Backfilling a range in any order gives the same alerts as running it forward (slow: six DAG runs)."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli

pytestmark = [pytest.mark.integration, pytest.mark.slow]
DAYS = ["2026-11-16", "2026-11-17", "2026-11-18"]
ALERTS = (
    "select alert_key, check_code, biz_date, first_seen_date, object_id, officer_id, severity "
    "from marts.fct_alert where biz_date between %s and %s order by alert_key"
)


def _run(days: list[str]) -> None:
    for day in days:
        result = run_cli("nightly", "--start", day, check=False)
        assert result.returncode == 0, result.stderr[-3000:]


def test_reverse_order_backfill_equals_forward_run(conn, pg_url):
    run_cli("generate", "--start", DAYS[0], "--end", DAYS[-1])
    run_cli("prepare")
    _run(DAYS)
    forward = conn.execute(ALERTS, (DAYS[0], DAYS[-1])).fetchall()
    conn.execute("delete from marts.fct_alert where biz_date between %s and %s", (DAYS[0], DAYS[-1]))
    _run(list(reversed(DAYS)))
    assert conn.execute(ALERTS, (DAYS[0], DAYS[-1])).fetchall() == forward
    assert forward, "the range must raise alerts"
