"""Where things live and which database to use: one place, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_PORT = 55432
WAREHOUSE_DB = "warehouse"


@dataclass(frozen=True)
class Settings:
    """Paths and connection settings; every value can be overridden by an environment variable."""

    state_dir: Path
    pg_port: int
    database_url_override: str | None

    @classmethod
    def from_env(cls) -> Settings:
        state = Path(os.environ.get("CR_STATE_DIR", PROJECT_ROOT / ".state")).resolve()
        return cls(
            state_dir=state,
            pg_port=int(os.environ.get("CR_PG_PORT", DEFAULT_PG_PORT)),
            database_url_override=os.environ.get("DATABASE_URL") or None,
        )

    @property
    def uses_embedded_db(self) -> bool:
        return self.database_url_override is None

    @cached_property
    def database_url(self) -> str:
        """The warehouse as a libpq URL (postgresql://user[:pw]@host:port/db)."""
        if self.database_url_override:
            return normalise_url(self.database_url_override)
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/{WAREHOUSE_DB}"

    @property
    def pg_data_dir(self) -> Path:
        return self.state_dir / "pg"

    @property
    def landing_dir(self) -> Path:
        return Path(os.environ.get("CR_LANDING_DIR", self.state_dir / "landing"))

    @property
    def airflow_home(self) -> Path:
        return self.state_dir / "airflow"

    @property
    def superset_home(self) -> Path:
        return self.state_dir / "superset"

    @property
    def log_dir(self) -> Path:
        return self.state_dir / "logs"

    @property
    def gx_docs_dir(self) -> Path:
        return PROJECT_ROOT / "expectations" / "gx" / "uncommitted" / "data_docs" / "local_site"


def normalise_url(url: str) -> str:
    """Accept postgres:// and SQLAlchemy driver URLs; return a plain postgresql:// URL."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme in ("postgres", "postgresql"):
        return urlunsplit(("postgresql", *parts[1:]))
    raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, got scheme {parts.scheme!r}")


def sqlalchemy_url(url: str, driver: str = "psycopg") -> str:
    """The same database as a SQLAlchemy URL with an explicit driver (psycopg for us, psycopg2 for Superset)."""
    return normalise_url(url).replace("postgresql://", f"postgresql+{driver}://", 1)


def libpq_env(url: str) -> dict[str, str]:
    """PG* variables for the URL: dbt's profile and command-line tools read these."""
    parts = urlsplit(normalise_url(url))
    env = {
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "postgres",
        "PGDATABASE": parts.path.lstrip("/") or "postgres",
    }
    env["PGPASSWORD"] = parts.password or ""
    return env
