"""Every DAG imports cleanly, has the expected shape, and does no heavy work at parse time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from customs_risk.orchestration.airflow_env import with_airflow_env

pytestmark = pytest.mark.integration

PROBE = """
import json, sys, time
started = time.monotonic()
from airflow.dag_processing.dagbag import DagBag
bag = DagBag()
dag = bag.get_dag("clearance_nightly")
print(json.dumps({
    "errors": {k: str(v)[-500:] for k, v in bag.import_errors.items()},
    "dag_ids": sorted(bag.dag_ids),
    "tasks": sorted(dag.task_dict) if dag else [],
    "downstream_of_validate": sorted(dag.get_task("validate_extract").downstream_task_ids) if dag else [],
    "heavy_modules": [m for m in ("great_expectations", "dbt.cli.main", "pandas") if m in sys.modules],
    "max_active_runs": dag.max_active_runs if dag else None,
    "seconds": time.monotonic() - started,
}))
"""


@pytest.fixture(scope="module")
def parsed(pg_url) -> dict:
    from tests.conftest import run_cli

    run_cli("prepare")  # Airflow's metadata database must exist for a DagBag
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=with_airflow_env(), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_dags_import_without_errors(parsed):
    assert parsed["errors"] == {}
    assert "clearance_nightly" in parsed["dag_ids"]


def test_nightly_dag_has_the_pipeline_stages_in_order(parsed):
    assert set(parsed["tasks"]) == {
        "resolve_business_date",
        "wait_for_manifest",
        "load_extract",
        "validate_extract",
        "publish_extract",
        "dbt_staging",
        "dbt_checks",
        "dbt_marts",
        "issue_and_escalate",
        "publish_alert_counts",
        "write_briefings",
    }
    assert parsed["downstream_of_validate"] == ["publish_extract"], "nothing reaches raw before validation"
    assert parsed["max_active_runs"] == 1


def test_parsing_does_not_import_heavy_libraries(parsed):
    assert parsed["heavy_modules"] == [], "import GX, dbt and pandas inside tasks, not at parse time"
