"""The catalog derived from the check models equals the specified one: 216 codes, and the counts by module ×
business line × category of the original system."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from customs_risk.orchestration.dbt import DBT_PROJECT_DIR

pytestmark = pytest.mark.integration
SPEC = DBT_PROJECT_DIR / "seeds" / "catalog" / "check_catalog_spec.csv"


def test_every_specified_check_is_declared_as_specified(conn, nightly_run):
    specified = {r["check_code"]: r for r in csv.DictReader(SPEC.open(encoding="utf-8"))}
    declared = {
        r[0]: r[1:]
        for r in conn.execute(
            "select check_code, module, business_line, category, default_severity from marts.dim_risk_check"
        )
    }
    assert len(specified) == 216
    assert sorted(set(specified) - set(declared)) == [], "specified checks without a model"
    assert sorted(set(declared) - set(specified)) == [], "models for checks the specification does not know"
    for code, (module, line, category, severity) in declared.items():
        spec = specified[code]
        assert (module, line, category, severity) == (
            spec["module"], spec["business_line"], spec["category"], spec["default_severity"]
        ), code  # fmt: skip
    by_group = Counter((r["module"], r["business_line"], r["category"]) for r in specified.values())
    assert Counter(tuple(v[:3]) for v in declared.values()) == by_group
