"""Connections: the owner (migrations, nightly issue/escalation, user admin) and the application role.

The workbench and the CLI's case actions connect as `hl_app`, which can read and append but never update or
delete. Its URL is CR_HL_APP_URL, or the warehouse URL with the user swapped for hl_app (password from
CR_HL_APP_PASSWORD; the embedded server trusts loopback).
"""

from __future__ import annotations

import os
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg.rows import dict_row

from customs_risk.config import Settings, normalise_url
from customs_risk.disposition.schema import APP_ROLE


def owner_url() -> str:
    return Settings.from_env().database_url


def app_url(base_url: str | None = None) -> str:
    explicit = os.environ.get("CR_HL_APP_URL")
    if explicit and base_url is None:
        return normalise_url(explicit)
    parts = urlsplit(normalise_url(base_url or owner_url()))
    password = os.environ.get("CR_HL_APP_PASSWORD")
    auth = APP_ROLE + (f":{quote(password, safe='')}" if password else "")
    host = parts.hostname or "127.0.0.1"
    netloc = f"{auth}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def connect_app(url: str | None = None) -> psycopg.Connection:
    """A connection as the application role; rows as dicts. Autocommit: every multi-statement step (an action,
    a bulk import) is its own explicit `conn.transaction()`, so nothing waits in an implicit transaction."""
    return psycopg.connect(url or app_url(), row_factory=dict_row, autocommit=True, options="-c timezone=Asia/Shanghai")
