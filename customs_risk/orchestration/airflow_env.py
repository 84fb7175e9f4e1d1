"""The environment every Airflow process of this project runs with (set before airflow is imported)."""

from __future__ import annotations

import json
import os

from customs_risk.config import PROJECT_ROOT, Settings, libpq_env, sqlalchemy_url

AIRFLOW_PORT = int(os.environ.get("CR_AIRFLOW_PORT", 8080))


def airflow_env(settings: Settings | None = None) -> dict[str, str]:
    s = settings or Settings.from_env()
    home = s.airflow_home
    env = {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(PROJECT_ROOT / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__PARALLELISM": "4",  # 2 cores: the default 32 idle workers cost ~1 GB
        "AIRFLOW__CORE__DEFAULT_TIMEZONE": "Asia/Shanghai",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",  # loopback demo; docker/ sets real auth
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(s.log_dir / "airflow"),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(AIRFLOW_PORT),
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{AIRFLOW_PORT}",
        "AIRFLOW__COSMOS__CACHE_DIR": str(s.state_dir / "cosmos"),
        "AIRFLOW__COSMOS__ENABLE_CACHE": "True",
        "AIRFLOW_CONN_LANDING": json.dumps({"conn_type": "fs", "extra": {"path": str(s.landing_dir)}}),
        "GX_ANALYTICS_ENABLED": "False",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
        "SCARF_ANALYTICS": "false",
        "CR_STATE_DIR": str(s.state_dir),
        "CR_PG_PORT": str(s.pg_port),
        "WAREHOUSE_SQLALCHEMY_URL": sqlalchemy_url(s.database_url),
        # dbt (psycopg2) and psql read these; timestamps render in local time
        **libpq_env(s.database_url),
        "PGOPTIONS": "-c timezone=Asia/Shanghai",
    }
    if s.database_url_override:
        env["DATABASE_URL"] = s.database_url_override
    return env


def with_airflow_env(base: dict[str, str] | None = None) -> dict[str, str]:
    return {**(base if base is not None else os.environ), **airflow_env()}
