"""The workbench on a real uvicorn server, driven by headless Chromium: sign in, acknowledge an alert from its
page, bulk-assign from the queue, export the list. Screenshots are kept under the test state folder."""

from __future__ import annotations

import csv
import io
import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from customs_risk.disposition.web.app import create_app
from tests.disposition import fixture_data as fx

pytestmark = [pytest.mark.integration, pytest.mark.browser]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ["CR_STATE_DIR"]) / "artifacts"


@pytest.fixture
def server(owner, app_db_url, monkeypatch):
    """The workbench served by uvicorn on a free loopback port (a real HTTP server, in a thread)."""
    monkeypatch.setenv("CR_WEB_SECRET", "browser-test-secret")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(app_db_url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_sign_in_dispose_and_export_in_chromium(server, owner, alert_ids, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        page.goto(f"{server}/")
        page.fill("#username", "chief01")
        page.fill("#password", "wrong-password")
        page.click("#login-submit")
        expect(page.locator("#login-error")).to_contain_text("用户名或密码错误")
        page.fill("#password", fx.PASSWORD)
        page.click("#login-submit")
        expect(page.locator("#queue tbody tr")).to_have_count(3)  # his section, not his own alert
        page.screenshot(path=str(SHOTS / "disposition_queue.png"))

        # acknowledge k-yellow from its page
        page.click(f"a[href='/alerts/{alert_ids['k-yellow']}']")
        expect(page.locator("#history tbody tr")).to_have_count(1)
        page.select_option("#act-form select[name=action]", "ACK")
        page.fill("#act-form textarea[name=note]", "已签收")
        page.click("#act-submit")
        expect(page.locator("#alert-status")).to_contain_text("ACKED")
        # a refused action shows the server's reason
        page.select_option("#act-form select[name=action]", "ASSIGN_VERIFY")
        page.fill("#act-form input[name=assignee_officer_id]", "520100001")
        page.click("#act-submit")
        expect(page.locator("#toast")).to_contain_text("verifier must not be an officer the alert concerns")
        page.screenshot(path=str(SHOTS / "disposition_alert.png"), full_page=True)

        # bulk: assign a verifier to the acknowledged alert from the queue
        page.goto(f"{server}/?status=ACKED")
        page.check("input.pick")
        page.select_option("#bulk-form select[name=action]", "ASSIGN_VERIFY")
        page.fill("#bulk-form input[name=assignee_officer_id]", "520100002")
        page.click("#bulk-submit")
        expect(page.locator("#toast")).to_contain_text("applied to 1")

        # export the filtered list
        page.goto(f"{server}/?severity=red")
        with page.expect_download() as download:
            page.click("#export-csv")
        path = tmp_path / "export.csv"
        download.value.save_as(path)
        browser.close()

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == str(alert_ids["k-red"])
    state = owner.execute(
        "select status, assignee_officer_id from hl.alert_state where alert_id = %s", (alert_ids["k-yellow"],)
    ).fetchone()
    assert state == ("VERIFYING", "520100002")
    audited = owner.execute("select count(*) from hl.request_audit where user_name = 'chief01'").fetchone()[0]
    assert audited >= 8
