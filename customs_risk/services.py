"""Long-running servers of the demo (Airflow UI, Superset): started detached on loopback, stopped by pid file."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from customs_risk.config import PROJECT_ROOT, Settings, sqlalchemy_url
from customs_risk.orchestration.airflow_env import AIRFLOW_PORT, with_airflow_env

PIPELINE_BIN = PROJECT_ROOT / ".venvs" / "pipeline" / "bin"
SUPERSET_PY = PROJECT_ROOT / ".venvs" / "superset" / "bin" / "python"
SUPERSET_PORT = int(os.environ.get("CR_SUPERSET_PORT", 8088))


@dataclass(frozen=True)
class Service:
    name: str
    command: list[str]
    env: dict[str, str]
    health_url: str
    url: str


def superset_env(settings: Settings | None = None) -> dict[str, str]:
    s = settings or Settings.from_env()
    return {
        **os.environ,
        "SUPERSET_HOME": str(s.superset_home),
        "SUPERSET_CONFIG_PATH": str(PROJECT_ROOT / "superset" / "superset_config.py"),
        "WAREHOUSE_SQLALCHEMY_URI": sqlalchemy_url(s.database_url, driver="psycopg2"),
        "SUPERSET_ADMIN_USER": os.environ.get("SUPERSET_ADMIN_USER", "admin"),
        "SUPERSET_ADMIN_PASSWORD": os.environ.get("SUPERSET_ADMIN_PASSWORD", "admin"),
    }


def services(settings: Settings | None = None) -> list[Service]:
    s = settings or Settings.from_env()
    airflow = Service(
        "airflow",
        [str(PIPELINE_BIN / "airflow"), "api-server", "-H", "127.0.0.1", "-p", str(AIRFLOW_PORT), "-w", "1"],
        with_airflow_env(),
        f"http://127.0.0.1:{AIRFLOW_PORT}/api/v2/monitor/health",
        f"http://127.0.0.1:{AIRFLOW_PORT}/dags/clearance_nightly",
    )
    superset = Service(
        "superset",
        [
            str(SUPERSET_PY),
            str(PROJECT_ROOT / "superset" / "manage.py"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(SUPERSET_PORT),
        ],
        superset_env(s),
        f"http://127.0.0.1:{SUPERSET_PORT}/health",
        f"http://127.0.0.1:{SUPERSET_PORT}/superset/dashboard/monitoring/",
    )
    return [airflow, superset]


def _pid_file(s: Settings, name: str) -> Path:
    return s.state_dir / "run" / f"{name}.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def running_pid(s: Settings, name: str) -> int | None:
    path = _pid_file(s, name)
    if not path.exists():
        return None
    pid = int(path.read_text().strip() or 0)
    return pid if pid and _alive(pid) else None


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as resp:
            return resp.status == 200
    except OSError:
        return False


def start(service: Service, settings: Settings | None = None, timeout_s: float = 180) -> None:
    s = settings or Settings.from_env()
    if running_pid(s, service.name) and healthy(service.health_url):
        return
    stop(service.name, s)
    log = s.log_dir / f"{service.name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    _pid_file(s, service.name).parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        proc = subprocess.Popen(
            service.command,
            env=service.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=PROJECT_ROOT,
        )
    _pid_file(s, service.name).write_text(str(proc.pid))
    deadline = time.monotonic() + timeout_s
    while not healthy(service.health_url):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{service.name} did not become healthy at {service.health_url}; see {log}")
        time.sleep(1)


def stop(name: str, settings: Settings | None = None) -> bool:
    s = settings or Settings.from_env()
    pid = running_pid(s, name)
    _pid_file(s, name).unlink(missing_ok=True)
    if pid is None:
        return False
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    for _ in range(50):
        if not _alive(pid):
            break
        time.sleep(0.2)
    else:
        os.killpg(pid, signal.SIGKILL)
    return True
