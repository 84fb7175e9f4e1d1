"""Session fixtures: a real PostgreSQL (embedded, or DATABASE_URL), and one real nightly DAG run on a generated day.

Tests use their own state folder and ports, so a running demo is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# CR_TEST_STATE_DIR / CR_PG_PORT let parallel checkouts or workers run the suite side by side
TEST_STATE = Path(os.environ.get("CR_TEST_STATE_DIR", ROOT / ".state" / "test"))
os.environ["CR_STATE_DIR"] = str(TEST_STATE)
os.environ.setdefault("CR_PG_PORT", "55433")
os.environ.setdefault("CR_AIRFLOW_PORT", "8081")
os.environ.setdefault("CR_SUPERSET_PORT", "8089")
os.environ["CR_LANDING_DIR"] = str(TEST_STATE / "landing")

from customs_risk.config import Settings, sqlalchemy_url  # noqa: E402

BIZ_DATE = "2026-11-20"
PROJECT_SCHEMAS = ("raw", "raw_incoming", "staging", "intermediate", "checks", "marts", "codes", "analytics", "hl")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture(scope="session")
def pg_url(settings: Settings):
    """A clean warehouse database for this test session (the embedded server is stopped afterwards)."""
    import psycopg

    if not settings.uses_embedded_db:
        with psycopg.connect(settings.database_url, autocommit=True) as conn:
            for schema in PROJECT_SCHEMAS:
                conn.execute(f"drop schema if exists {schema} cascade")
        yield settings.database_url
        return
    from customs_risk.db import embedded

    admin = embedded.start(settings.pg_data_dir, settings.pg_port, databases=())
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("drop database if exists warehouse with (force)")
        conn.execute("create database warehouse")
    yield settings.database_url
    embedded.stop(settings.pg_data_dir)


@pytest.fixture(scope="session")
def warehouse_url(pg_url: str) -> str:
    """The warehouse as a SQLAlchemy URL for Superset (psycopg2 driver)."""
    return sqlalchemy_url(pg_url, driver="psycopg2")


@pytest.fixture
def conn(pg_url: str):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as connection:
        yield connection


@pytest.fixture(scope="session")
def landing(settings: Settings) -> Path:
    return settings.landing_dir


def run_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "customs_risk.cli", *args], cwd=ROOT, check=check, capture_output=True, text=True
    )


@pytest.fixture(scope="session")
def nightly_run(pg_url: str, landing: Path) -> str:
    """Generate one `ci` day and run the real clearance_nightly DAG on it (Airflow dag.test → GX → dbt)."""
    import shutil

    shutil.rmtree(landing, ignore_errors=True)
    run_cli("generate", "--start", BIZ_DATE, "--preset", "ci", "--seed", "42")
    run_cli("prepare")
    result = run_cli("nightly", "--start", BIZ_DATE, check=False)
    assert result.returncode == 0, f"nightly run failed:\n{result.stdout}\n{result.stderr[-4000:]}"
    return BIZ_DATE
