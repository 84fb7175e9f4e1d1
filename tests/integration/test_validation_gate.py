"""A critical Great Expectations failure stops the night and says what is wrong; results are recorded."""

from __future__ import annotations

import json
from datetime import date

import pytest

from customs_risk.generator import generate_day
from customs_risk.ingest.loader import load_day, stage_day
from customs_risk.orchestration.tasks import validate_extract
from customs_risk.validation.run import ValidationFailed

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 22)


def test_missing_required_values_stop_the_night(conn, tmp_path, monkeypatch):
    from customs_risk.orchestration.airflow_env import airflow_env

    for k, v in airflow_env().items():
        monkeypatch.setenv(k, v)
    day = generate_day(DAY, tmp_path, "ci", seed=5)
    load_day(conn, day)  # a clean version of the day is already in raw
    published = conn.execute(
        "select count(*), md5(string_agg(i::text, '' order by insp_id)) from raw.inspection i where _biz_date = %s",
        (DAY,),
    ).fetchone()
    stage_day(conn, day)
    conn.execute("update raw_incoming.inspection set lead_officer_id = null")
    rows = {t["table"]: t["rows"] for t in json.loads((day / "manifest.json").read_text())["tables"]}
    with pytest.raises(ValidationFailed) as err:
        validate_extract(DAY.isoformat(), rows)
    assert "inspection" in str(err.value) and "lead_officer_id" in str(err.value)
    recorded = conn.execute(
        "select count(*) from raw._validation_result where biz_date = %s and not success "
        "and severity = 'critical' and column_name = 'lead_officer_id'",
        (DAY,),
    ).fetchone()[0]
    assert recorded == 1
    # the rejected day never reached raw: the published version is exactly as before
    assert (
        conn.execute(
            "select count(*), md5(string_agg(i::text, '' order by insp_id)) from raw.inspection i where _biz_date = %s",
            (DAY,),
        ).fetchone()
        == published
    )


def _failures(conn, day) -> set[tuple[str, str, str]]:
    return set(
        conn.execute(
            "select suite, coalesce(column_name, ''), severity from raw._validation_result"
            " where biz_date = %s and not success",
            (day,),
        ).fetchall()
    )


def test_orphans_and_reversed_timestamps_are_critical(conn, tmp_path, monkeypatch):
    from customs_risk.orchestration.airflow_env import airflow_env

    for k, v in airflow_env().items():
        monkeypatch.setenv(k, v)
    day = date(2026, 11, 23)
    folder = generate_day(day, tmp_path, "ci", seed=6)
    stage_day(conn, folder)
    entry = conn.execute("select entry_id from raw_incoming.dec_item limit 1").fetchone()[0]
    conn.execute("delete from raw_incoming.dec_head where entry_id = %s", (entry,))
    conn.execute(
        "update raw_incoming.dec_workflow set end_ts = start_ts - interval '1 hour' where ctid in "
        "(select ctid from raw_incoming.dec_workflow where step_code = 'ACCEPT' limit 1)"
    )
    rows = {t["table"]: t["rows"] for t in json.loads((folder / "manifest.json").read_text())["tables"]}
    rows["dec_head"] -= 1
    with pytest.raises(ValidationFailed):
        validate_extract(day.isoformat(), rows)
    failures = _failures(conn, day)
    assert ("declarations.dec_item", "entry_id", "critical") in failures
    assert ("declarations.dec_workflow", "start_ts <= end_ts", "critical") in failures


def test_volume_band_comes_from_the_trailing_days(conn):
    from customs_risk.validation.run import volume_bands

    day = date(2026, 10, 20)
    for offset, rows in ((1, 100), (2, 120), (3, 80)):
        conn.execute(
            "insert into raw._load_audit (run_id, biz_date, table_name, rows_loaded, outcome) values "
            "('band', %s::date - %s, 'dec_head', %s, 'LOADED')",
            (day, offset, rows),
        )
    bands = volume_bands(conn, day, ["dec_head", "transit"])
    assert bands["min_rows__dec_head"] == pytest.approx(50) and bands["max_rows__dec_head"] == pytest.approx(200)
    assert bands["min_rows__transit"] == 0, "no history: the band is open"


def test_an_unknown_code_is_a_recorded_warning_not_a_stop(conn, tmp_path, monkeypatch):
    from customs_risk.orchestration.airflow_env import airflow_env

    for k, v in airflow_env().items():
        monkeypatch.setenv(k, v)
    day = date(2026, 11, 24)
    folder = generate_day(day, tmp_path, "ci", seed=7)
    stage_day(conn, folder)
    conn.execute(
        "update raw_incoming.dec_head set trade_mode = '9999' where ctid in "
        "(select ctid from raw_incoming.dec_head limit 2)"
    )
    rows = {t["table"]: t["rows"] for t in json.loads((folder / "manifest.json").read_text())["tables"]}
    outcome = validate_extract(day.isoformat(), rows)
    assert outcome["critical"] == 0 and outcome["warnings"] >= 1
    observed = conn.execute(
        "select observed from raw._validation_result where biz_date = %s and not success and "
        "column_name = 'trade_mode'",
        (day,),
    ).fetchone()[0]
    assert "9999" in observed, "the message carries a sample of the failing values"
