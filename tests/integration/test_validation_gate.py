"""A critical Great Expectations failure stops the night and says what is wrong; results are recorded."""

from __future__ import annotations

import json
from datetime import date

import pytest

from customs_risk.generator import generate_day
from customs_risk.ingest.loader import load_day
from customs_risk.orchestration.tasks import validate_extract
from customs_risk.validation.run import ValidationFailed

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 22)


def test_missing_required_values_stop_the_night(conn, tmp_path, monkeypatch):
    from customs_risk.orchestration.airflow_env import airflow_env

    for k, v in airflow_env().items():
        monkeypatch.setenv(k, v)
    day = generate_day(DAY, tmp_path, "ci", seed=5)
    load_day(conn, day)
    conn.execute("update raw.inspection set lead_officer_id = null where _biz_date = %s", (DAY,))
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
