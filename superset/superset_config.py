"""Superset settings for the customs risk platform (loaded via SUPERSET_CONFIG_PATH).

Everything instance-specific comes from the environment so one file serves
dev, tests and production.
"""

import os
import secrets
from pathlib import Path

# All state (metadata DB, generated secret) lives in one folder that is never committed.
SUPERSET_HOME = Path(os.environ.get("SUPERSET_HOME", Path.home() / ".superset"))
SUPERSET_HOME.mkdir(parents=True, exist_ok=True)
SQLALCHEMY_DATABASE_URI = f"sqlite:///{SUPERSET_HOME / 'superset.db'}?check_same_thread=false"


def _secret_key() -> str:
    # Superset 6 refuses to start with the default key; keep a generated one stable across
    # restarts (sessions and encrypted DB passwords depend on it).
    if key := os.environ.get("SUPERSET_SECRET_KEY"):
        return key
    path = SUPERSET_HOME / "secret_key"
    if not path.exists():  # `manage.py setup` creates it before any server process starts
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# Users are Chinese-speaking officers; English kept for the vendor/ops side.
BABEL_DEFAULT_LOCALE = "zh"
LANGUAGES = {
    "zh": {"flag": "cn", "name": "简体中文"},
    "en": {"flag": "us", "name": "English"},
}

# Native filters are always on in Superset 6 (the DASHBOARD_NATIVE_FILTERS flag was removed);
# CSV/Excel download is built in, this flag adds "export full CSV" for table charts.
# Jinja in SQL: the my-watch dataset filters on {{ current_username() }} (each user sees only their own list).
FEATURE_FLAGS = {"ALLOW_FULL_CSV_EXPORT": True, "ENABLE_TEMPLATE_PROCESSING": True}

# No Redis on this host: in-process cache for metadata, no result cache so a new
# nightly run is visible at once. Filter/explore state stays in the metastore (default).
CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 300}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
