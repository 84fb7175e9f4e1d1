"""Fixtures: a database of its own on the session's PostgreSQL, a fresh `hl` per test, users and alerts.

The disposition log is append-only (it cannot be cleaned row by row), so each test gets the schema rebuilt by the
real migrations and the hand-written alerts issued by the real `issue_new_alerts`.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from customs_risk.disposition import nightly, schema, users
from customs_risk.disposition.db import app_url, connect_app
from tests.disposition import fixture_data as fx

TEST_DB = "disposition_test"


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


@pytest.fixture(scope="session")
def dispo_url(pg_url: str) -> str:
    try:
        with psycopg.connect(_with_db(pg_url, "postgres"), autocommit=True) as admin:
            admin.execute(f"drop database if exists {TEST_DB} with (force)")
            admin.execute(f"create database {TEST_DB}")
    except psycopg.Error as err:  # a DATABASE_URL without CREATEDB
        pytest.skip(f"cannot create the {TEST_DB} database: {err}")
    url = _with_db(pg_url, TEST_DB)
    with psycopg.connect(url, autocommit=True) as conn:
        fx.build_warehouse(conn)
    return url


@cache
def _password_hash() -> str:
    return users.hash_password(fx.PASSWORD)


@pytest.fixture
def owner(dispo_url: str):
    """The owner's connection on a freshly migrated hl with the fixture day's alerts issued and the users added."""
    with psycopg.connect(dispo_url, autocommit=True) as conn:
        conn.execute("drop schema if exists hl cascade")
        schema.migrate(conn)
        nightly.issue_new_alerts(conn, fx.BIZ_DATE, now=fx.ISSUED_AT)
        with conn.cursor() as cur:
            cur.executemany(
                "insert into hl.app_user (user_name, officer_id, unit_code, roles, password_hash)"
                " values (%s, %s, %s, %s, %s)",
                [(u, o, unit, roles, _password_hash()) for u, o, unit, roles in fx.USERS],
            )
        yield conn


@pytest.fixture
def app_db_url(dispo_url: str) -> str:
    return app_url(dispo_url)


@pytest.fixture
def app(owner, app_db_url: str):
    """A connection as the application role hl_app (what the workbench and the CLI use)."""
    with connect_app(app_db_url) as conn:
        yield conn


@pytest.fixture
def who(owner):
    """Users by name, as the rules see them."""
    return {name: users.load_user(owner, name) for name, *_ in fx.USERS}


@pytest.fixture
def alert_ids(owner) -> dict[str, int]:
    return dict(owner.execute("select alert_key, alert_id from hl.alert where parent_alert_id is null").fetchall())
