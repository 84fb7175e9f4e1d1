"""The workbench through FastAPI's TestClient: login, queue, act, bulk, export, 403 outside the subtree, 4xx on bad
input, CSRF, and the audit of every request."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from customs_risk.disposition.web.app import create_app
from tests.disposition import fixture_data as fx

pytestmark = pytest.mark.integration


@pytest.fixture
def web(owner, app_db_url, monkeypatch):
    monkeypatch.setenv("CR_WEB_SECRET", "test-secret-not-for-production")
    with TestClient(create_app(app_db_url)) as client:
        yield client


def login(client: TestClient, user: str, password: str = fx.PASSWORD) -> dict[str, str]:
    """Sign in; return the headers an API call needs (the CSRF token is in the page, as the browser sees it)."""
    response = client.post("/login", data={"username": user, "password": password}, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = client.get("/")
    token = page.text.split('data-csrf="', 1)[1].split('"', 1)[0]
    return {"X-CSRF-Token": token}


def test_pages_need_a_login(web):
    assert web.get("/", follow_redirects=False).headers["location"] == "/login"
    assert web.get("/api/alerts").status_code == 401
    bad = web.post("/login", data={"username": "chief01", "password": "nope-nope"})
    assert bad.status_code == 401 and "用户名或密码错误" in bad.text
    assert web.get("/healthz").json() == {"ok": True}


def test_queue_is_the_users_subtree(web, alert_ids):
    login(web, "chief01")
    page = web.get("/")
    assert page.status_code == 200 and "待办预警" in page.text
    assert "OBJ-k-yellow" in page.text and "OBJ-k-self" not in page.text and "OBJ-k-other" not in page.text
    listed = web.get("/api/alerts").json()
    assert {a["alert_key"] for a in listed["alerts"]} == {"k-yellow", "k-orange", "k-red"}
    assert [a["severity"] for a in web.get("/api/alerts?severity=red").json()["alerts"]] == ["red"]


def test_detail_shows_evidence_and_403_outside_the_subtree(web, alert_ids):
    login(web, "chief02")
    page = web.get(f"/alerts/{alert_ids['k-evid']}")
    assert page.status_code == 200 and "assigning_officer_id" in page.text and "520100011" in page.text
    assert "签收 ACK" in page.text  # the next action offered
    outside = web.get(f"/alerts/{alert_ids['k-yellow']}")
    assert outside.status_code == 403 and "outside your organisation subtree" in outside.text
    assert web.get(f"/api/alerts/{alert_ids['k-other']}").status_code == 403
    assert web.get("/api/alerts/999999").status_code == 404


def test_own_alert_is_forbidden(web, alert_ids):
    headers = login(web, "officer01")
    response = web.post(f"/api/alerts/{alert_ids['k-yellow']}/actions", json={"action": "ACK"}, headers=headers)
    assert response.status_code == 403 and response.json()["error"] == "not_visible"


def test_act_through_the_api(web, owner, alert_ids):
    a = alert_ids["k-yellow"]
    headers = login(web, "chief01")
    response = web.post(f"/api/alerts/{a}/actions", json={"action": "ACK", "expected_seq": 1}, headers=headers)
    assert response.status_code == 200 and response.json()["alert"]["status"] == "ACKED"
    # a stale page (it still shows seq 1) is told to reload
    stale = web.post(
        f"/api/alerts/{a}/actions",
        json={"action": "ASSIGN_VERIFY", "assignee_officer_id": "520100002", "expected_seq": 1},
        headers=headers,
    )
    assert stale.status_code == 409 and stale.json()["error"] == "concurrent_change"
    row = owner.execute(
        "select actor_user, actor_role, actor_officer_id from hl.alert_action where alert_id = %s and action = 'ACK'",
        (a,),
    ).fetchone()
    assert row == ("chief01", "section_chief", "520100003")


@pytest.mark.parametrize(
    ("body", "status", "error", "fragment"),
    [
        ({"action": "VERIFY_RESULT", "conclusion": "CONFIRMED"}, 409, "illegal_transition", "ACK(签收)"),
        ({"action": "ACK", "note": "x" * 2001}, 422, "invalid_input", "note"),
        ({"action": "ACK", "conclusion": "MAYBE"}, 422, "invalid_input", "conclusion"),
        ({"action": "FLY"}, 422, "invalid_input", "action"),
        ({"action": "ACK", "colour": "red"}, 422, "invalid_input", "colour"),
        ({"action": "DISPOSE", "disposal_measure": "REMIND_TALK"}, 409, "illegal_transition", "OPEN"),
    ],
)
def test_bad_input_gets_a_clear_4xx(web, alert_ids, body, status, error, fragment):
    headers = login(web, "chief01")
    response = web.post(f"/api/alerts/{alert_ids['k-yellow']}/actions", json=body, headers=headers)
    assert response.status_code == status
    assert response.json()["error"] == error and fragment in response.json()["message"]


def test_weaker_measure_is_422(web, app, who, alert_ids):
    from customs_risk.disposition import service
    from customs_risk.disposition.service import Request

    a = alert_ids["k-orange"]
    service.perform(app, who["sub_leader"], a, Request("ACK"))
    service.perform(app, who["sub_sup"], a, Request("ASSIGN_VERIFY", assignee_officer_id="520100050"))
    service.perform(app, who["sub_sup"], a, Request("VERIFY_RESULT", conclusion="CONFIRMED"))
    headers = login(web, "sub_leader")
    weak = web.post(
        f"/api/alerts/{a}/actions", json={"action": "DISPOSE", "disposal_measure": "REMIND_TALK"}, headers=headers
    )
    assert weak.status_code == 422 and weak.json()["error"] == "measure_too_weak"
    assert "ADMONISH_TALK" in weak.json()["message"]


def test_csrf_is_required_for_changes(web, alert_ids):
    login(web, "chief01")
    response = web.post(f"/api/alerts/{alert_ids['k-yellow']}/actions", json={"action": "ACK"})
    assert response.status_code == 403 and response.json()["error"] == "csrf_failed"


def test_bulk_is_all_or_nothing(web, owner, alert_ids):
    headers = login(web, "sub_sup")
    ids = [alert_ids["k-yellow"], alert_ids["k-evid"]]
    # sub_sup may not ACK a yellow (the section chief does): nothing is applied
    refused = web.post("/api/bulk", json={"alert_ids": ids, "action": "ACK"}, headers=headers)
    assert refused.status_code == 403 and "nothing was applied" in refused.json()["message"]
    assert owner.execute("select count(*) from hl.alert_action where action = 'ACK'").fetchone()[0] == 0
    headers = login(web, "sub_leader")
    orange_red = [alert_ids["k-orange"], alert_ids["k-red"]]
    done = web.post("/api/bulk", json={"alert_ids": orange_red, "action": "ACK", "note": "批量签收"}, headers=headers)
    assert done.status_code == 200 and done.json()["applied"] == 2
    statuses = owner.execute(
        "select distinct status from hl.alert_state where alert_id = any(%s)", (orange_red,)
    ).fetchall()
    assert statuses == [("ACKED",)]
    assert web.post("/api/bulk", json={"alert_ids": [], "action": "ACK"}, headers=headers).status_code == 422


def test_export_the_filtered_list(web, alert_ids):
    login(web, "direct_sup")
    response = web.get("/export.csv?severity=yellow&q=OBJ-k")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    keys = {r[7] for r in rows[1:]}
    assert rows[0][7] == "对象编号(object_id)" and keys == {
        "OBJ-k-yellow",
        "OBJ-k-self",
        "OBJ-k-other",
        "OBJ-k-evid",
        "OBJ-k-unit",
    }
    xlsx = web.get("/export.xlsx?severity=red")
    sheet = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert [r[0] for r in sheet[1:]] == [alert_ids["k-red"]]
    assert web.get("/export.csv?from=yesterday").status_code == 422


def test_every_request_is_audited(web, owner, alert_ids):
    web.post("/login", data={"username": "chief01", "password": "wrong-wrong"})
    headers = login(web, "chief01")
    web.get(f"/alerts/{alert_ids['k-other']}")
    web.post(f"/api/alerts/{alert_ids['k-yellow']}/actions", json={"action": "ACK"}, headers=headers)
    rows = owner.execute(
        "select method, path, status_code, user_name, detail from hl.request_audit order by audit_id"
    ).fetchall()
    assert rows[0][:4] == ("POST", "/login", 401, "chief01") and rows[0][4] == {"error": "authentication_failed"}
    assert ("POST", "/login", 303, "chief01") in [r[:4] for r in rows]
    forbidden = next(r for r in rows if r[1] == f"/alerts/{alert_ids['k-other']}")
    assert forbidden[2] == 403 and forbidden[4]["error"] == "not_visible"
    acted = rows[-1]
    assert acted[:4] == ("POST", f"/api/alerts/{alert_ids['k-yellow']}/actions", 200, "chief01")
    assert acted[4] == {"alert_id": alert_ids["k-yellow"], "action": "ACK"}


def test_logout_ends_the_session(web):
    headers = login(web, "chief01")
    web.post("/logout", data={"csrf": headers["X-CSRF-Token"]}, follow_redirects=False)
    assert web.get("/api/alerts").status_code == 401
