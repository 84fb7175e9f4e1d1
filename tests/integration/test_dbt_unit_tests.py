"""Every check has dbt unit tests that fire on a bad case and stay silent on a near miss, and they pass."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest

from customs_risk.orchestration.airflow_env import with_airflow_env
from customs_risk.orchestration.dbt import DBT_PROJECT_DIR
from customs_risk.services import PIPELINE_BIN

pytestmark = pytest.mark.integration


def _dbt(*args: str, nightly_run: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(PIPELINE_BIN / "dbt"),
            *args,
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--vars",
            json.dumps({"biz_date": nightly_run}),
        ],
        cwd=DBT_PROJECT_DIR,
        env=with_airflow_env(),
        capture_output=True,
        text=True,
    )


def test_every_check_has_a_firing_and_a_silent_unit_test(nightly_run):
    result = _dbt("parse", nightly_run=nightly_run)
    assert result.returncode == 0, result.stdout[-3000:]
    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text())
    checks = {
        n["name"]
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and {"check", "watch"} & set(n["tags"])
    }
    fires, silent = Counter(), Counter()
    for ut in manifest["unit_tests"].values():
        (fires if ut["expect"]["rows"] else silent)[ut["model"]] += 1
    assert checks, "no check models found"
    assert {c for c in checks if not (fires[c] and silent[c])} == set()


def test_unit_tests_pass(nightly_run):
    result = _dbt("test", "--select", "test_type:unit", nightly_run=nightly_run)
    assert result.returncode == 0, result.stdout[-5000:]
    assert "ERROR=0" in result.stdout and "PASS=" in result.stdout
