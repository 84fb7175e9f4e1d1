"""Fixtures for the Superset dashboard tests: a throwaway Superset on a free port.

`warehouse_url` and `nightly_run` come from tests/conftest.py. Superset runs in its own
virtualenv, so everything goes through superset/manage.py as a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MANAGE = REPO / "superset" / "manage.py"
SUPERSET_PYTHON = Path(os.environ.get("SUPERSET_PYTHON", REPO / ".venvs" / "superset" / "bin" / "python"))
CHROMIUM = Path("/usr/bin/chromium")
ADMIN = ("admin", "admin-test-pw")
USER_PASSWORD = "user-test-pw"  # the organisation users synchronised from hl.app_user


def _run_manage(env: dict, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run manage.py with the Superset python; fail the test with its output on error."""
    proc = subprocess.run(
        [str(SUPERSET_PYTHON), str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if proc.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return proc


class SupersetAPI:
    """Minimal REST client: JWT login, then JSON GETs."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url = base_url
        login = {"username": username, "password": password, "provider": "db", "refresh": False}
        self.token = self._call("/api/v1/security/login", login)["access_token"]

    def _call(self, path: str, body: dict | None = None) -> dict:
        req = urllib.request.Request(self.base_url + path, data=json.dumps(body).encode() if body else None)
        if body:
            req.add_header("Content-Type", "application/json")
        if getattr(self, "token", None):
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"GET {path}: HTTP {exc.code}: {exc.read()[:500]!r}") from exc

    def get(self, path: str) -> dict:
        return self._call(path)

    def get_bytes(self, path: str) -> bytes:
        req = urllib.request.Request(self.base_url + path)
        req.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.read()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def superset_env(tmp_path_factory, warehouse_url) -> dict:
    """Environment for manage.py: fresh SUPERSET_HOME, the test warehouse, fixed admin."""
    if not SUPERSET_PYTHON.exists():
        pytest.fail(f"Superset virtualenv not found at {SUPERSET_PYTHON} (set SUPERSET_PYTHON)")
    env = dict(os.environ)
    env.update(
        SUPERSET_HOME=str(tmp_path_factory.mktemp("superset_home")),
        WAREHOUSE_SQLALCHEMY_URI=warehouse_url,
        SUPERSET_ADMIN_USER=ADMIN[0],
        SUPERSET_ADMIN_PASSWORD=ADMIN[1],
        CR_SUPERSET_USER_PASSWORD=USER_PASSWORD,
    )
    env.pop("SUPERSET_CONFIG_PATH", None)  # use the repo's superset_config.py
    return env


@pytest.fixture(scope="session")
def superset_server(nightly_run, warehouse_url, superset_env):
    """Workbench demo users, `manage.py setup` (which scopes them by unit), then `manage.py serve` on a free port."""
    from tests.conftest import run_cli

    run_cli("dispose", "user", "demo")
    # 我的关注: subscriptions, then the night's my-watch lists rebuilt (as a re-run of the marts would)
    run_cli("dispose", "watch", "add", "leader-5204", "--scope", "UNIT", "--value", "5204")
    run_cli("dispose", "watch", "add", "gacc", "--scope", "CHECK", "--check", "AP-CLR-001")
    vars_ = json.dumps({"biz_date": nightly_run})
    run_cli(
        "dbt", "build", "--select", "tag:watch fct_my_watch", "--exclude-resource-type", "unit_test", "--vars", vars_
    )
    _run_manage(superset_env, "setup")
    port = _free_port()
    log_path = Path(superset_env["SUPERSET_HOME"]) / "serve.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(SUPERSET_PYTHON), str(MANAGE), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=superset_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Superset exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"Superset not healthy after 180s:\n{log_path.read_text()[-3000:]}")
            time.sleep(1)
        yield url
    finally:
        proc.terminate()  # gunicorn stops its workers on SIGTERM
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def superset_admin() -> tuple[str, str]:
    return ADMIN


@pytest.fixture(scope="session")
def superset_api(superset_server) -> SupersetAPI:
    return SupersetAPI(superset_server, *ADMIN)


@pytest.fixture(scope="session")
def run_manage(superset_env):
    """`run_manage("export", "--out", d)`: manage.py against the test Superset's state."""
    return lambda *args: _run_manage(superset_env, *args)


def _apt_install(*packages: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], env=env, capture_output=True, text=True)
    return subprocess.run(["apt-get", "install", "-y", *packages], env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium (Playwright cannot download browsers here); installed on demand."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None:
            pytest.skip(f"{CHROMIUM} is missing and apt-get is not available to install it")
        proc = _apt_install("chromium")
        if proc.returncode != 0 or not CHROMIUM.exists():
            pytest.fail(f"apt-get install chromium failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    # Without a CJK font the Chinese titles render as boxes in screenshots (DOM text is fine).
    fc_list = shutil.which("fc-list")
    has_cjk = fc_list and subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True).stdout.strip()
    if not has_cjk and shutil.which("apt-get") and _apt_install("fonts-wqy-microhei").returncode != 0:
        print("warning: could not install a CJK font; screenshot text may be unreadable", file=sys.stderr)
    return str(CHROMIUM)
