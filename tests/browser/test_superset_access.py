"""The combined query dashboard, its export, and row-level security: a leader sees only their own units."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import psycopg
import pytest

from tests.browser.conftest import USER_PASSWORD, SupersetAPI

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = pytest.mark.browser

FILTER_COLUMNS = {
    "direct_customs_name_zh", "subordinate_unit_name_zh", "section_name_zh", "business_line_zh", "category_zh",
    "check_name_zh", "severity_zh", "enterprise_name_zh", "officer_name_zh",
}  # fmt: skip


def count(warehouse_url: str, where: str = "true") -> int:
    conninfo = re.sub(r"^postgresql\+\w+://", "postgresql://", warehouse_url)
    with psycopg.connect(conninfo) as conn:
        return conn.execute(f"select count(*) from marts.rpt_alert_detail where {where}").fetchone()[0]


def charts_by_name(api: SupersetAPI) -> dict[str, dict]:
    return {c["slice_name"]: c for c in api.get("/api/v1/dashboard/combined-query/charts")["result"]}


def matching_alerts(api: SupersetAPI) -> int:
    chart = charts_by_name(api)["符合条件的预警 Matching alerts"]
    return api.get(f"/api/v1/chart/{chart['id']}/data/")["result"][0]["data"][0]["n_alerts"]


def test_combined_query_filters_every_alert_dimension(superset_api):
    import json

    dash = superset_api.get("/api/v1/dashboard/combined-query")["result"]
    filters = json.loads(dash["json_metadata"])["native_filter_configuration"]
    columns = {t["column"]["name"] for f in filters for t in f["targets"] if t}
    assert columns == FILTER_COLUMNS
    assert any(f["filterType"] == "filter_time" for f in filters)


def test_admin_sees_every_alert(superset_api, warehouse_url):
    assert matching_alerts(superset_api) == count(warehouse_url) > 0


def test_a_subordinate_leader_sees_only_their_customs(superset_server, warehouse_url):
    own, everything = count(warehouse_url, "subordinate_unit_code = '5204'"), count(warehouse_url)
    assert 0 < own < everything, "the generated day should have alerts inside and outside 5204"
    leader = SupersetAPI(superset_server, "leader-5204", USER_PASSWORD)
    assert matching_alerts(leader) == own
    detail = charts_by_name(leader)["预警明细 Alert detail"]
    exported = leader.get_bytes(f"/api/v1/chart/{detail['id']}/data/?format=csv")
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    assert len(rows) == own and {r.get("隶属海关", r.get("subordinate_unit_name_zh")) for r in rows} == {"东莞海关"}


def test_district_and_gacc_users_see_their_whole_subtree(superset_server, warehouse_url):
    district = SupersetAPI(superset_server, "sup-5200", USER_PASSWORD)
    assert matching_alerts(district) == count(warehouse_url, "direct_customs_code = '5200'")
    gacc = SupersetAPI(superset_server, "gacc", USER_PASSWORD)
    assert matching_alerts(gacc) == count(warehouse_url)


def test_my_watch_shows_each_user_only_their_own_list(superset_server, warehouse_url):
    conninfo = re.sub(r"^postgresql\+\w+://", "postgresql://", warehouse_url)
    with psycopg.connect(conninfo) as conn:
        own = conn.execute("select count(*) from marts.fct_my_watch where user_name = 'leader-5204'").fetchone()[0]
    assert own > 0, "leader-5204 watches unit 5204, which has alerts"
    for user, expected in (("leader-5204", own), ("sup-5200", 0)):
        api = SupersetAPI(superset_server, user, USER_PASSWORD)
        charts = {c["slice_name"]: c for c in api.get("/api/v1/dashboard/my-watch/charts")["result"]}
        chart = charts["关注条目 Watched items"]
        data = api.get(f"/api/v1/chart/{chart['id']}/data/")["result"][0]["data"]
        assert (data[0]["n_items"] if data else 0) == expected, user


def test_detail_exports_to_excel(superset_api):
    detail = charts_by_name(superset_api)["预警明细 Alert detail"]
    xlsx = superset_api.get_bytes(f"/api/v1/chart/{detail['id']}/data/?format=xlsx")
    assert xlsx[:2] == b"PK", "an .xlsx file is a zip archive"


def test_leader_sees_their_own_count_in_chromium(superset_server, chromium_path, warehouse_url):
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.test_superset_dashboard import login

    own = count(warehouse_url, "subordinate_unit_code = '5204'")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=args)
        page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
        page.set_default_timeout(90_000)
        try:
            login(page, superset_server, "leader-5204", USER_PASSWORD)
            page.goto(f"{superset_server}/superset/dashboard/combined-query/")
            big_number = page.locator('[data-test-viz-type="big_number_total"] .header-line')
            expect(big_number).to_have_text(f"{own:,}", timeout=90_000)
            expect(page.locator('[data-test-viz-type="table"] tbody tr').first).to_be_visible(timeout=90_000)
            page.goto(f"{superset_server}/superset/dashboard/evaluation/")
            expect(page.locator('[data-test="chart-grid-component"]')).to_have_count(4, timeout=90_000)
            expect(page.locator('[data-test="chart-grid-component"] [role="alert"]')).to_have_count(0)
        except AssertionError:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=ARTIFACTS / "superset_leader_failure.png", full_page=True)
            raise
        finally:
            browser.close()
