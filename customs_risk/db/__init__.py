"""Database access: connections to the warehouse and the embedded default server."""

from __future__ import annotations

import psycopg

from customs_risk.config import Settings


def connect(url: str | None = None, **kwargs) -> psycopg.Connection:
    """A psycopg 3 connection to the warehouse (or to `url`)."""
    return psycopg.connect(url or Settings.from_env().database_url, **kwargs)
