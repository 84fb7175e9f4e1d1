"""Cosmos settings for running the dbt project inside Airflow, built once and without side effects."""

from __future__ import annotations

from customs_risk.config import PROJECT_ROOT

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
PROFILES_FILE = DBT_PROJECT_DIR / "profiles.yml"

# The night runs dbt as three in-process `dbt build`s, one per layer, rather than one Airflow task per model:
# with 300+ models, dbt's start-up cost per task would dominate the night (see bench/ for the measurement).
# The code-table seeds are loaded by `customs-risk prepare` when they change, not every night.
LAYERS = {
    "dbt_staging": "tag:staging tag:intermediate",
    "dbt_checks": "tag:check",
    "dbt_marts": "tag:mart",
}


def profile_config():
    from cosmos import ProfileConfig

    return ProfileConfig(profile_name="customs_risk", target_name="warehouse", profiles_yml_filepath=PROFILES_FILE)


def build_operator_kwargs(biz_date_template: str) -> dict:
    """Arguments shared by the layer operators (cosmos DbtBuildLocalOperator)."""
    from cosmos.constants import InvocationMode

    return {
        "project_dir": str(DBT_PROJECT_DIR),
        "profile_config": profile_config(),
        "vars": {"biz_date": biz_date_template},
        "invocation_mode": InvocationMode.DBT_RUNNER,
        "install_deps": False,
        "emit_datasets": False,
        # unit tests belong to the test suite (make test), not to every night
        "dbt_cmd_flags": ["--exclude-resource-type", "unit_test"],
    }
