"""The Superset bundle imports, serves the alert numbers the warehouse holds, and round-trips."""

from __future__ import annotations

import json
import re
from pathlib import Path

import psycopg
import pytest
import yaml
from playwright.sync_api import expect, sync_playwright

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "superset" / "assets"
ARTIFACTS = REPO / "tests" / "artifacts"
ALERT_COUNT_TITLES = {"预警总数 Alerts", "按预警等级 By severity", "按业务条线 By business line", "按检查项 By check"}
CHART_TITLES = ALERT_COUNT_TITLES | {"近期夜间运行 Recent nights", "未办结预警 Open alerts by age"}

pytestmark = pytest.mark.browser


def load_bundle(root: Path) -> dict[str, dict]:
    return {p.relative_to(root).as_posix(): yaml.safe_load(p.read_text()) for p in root.rglob("*.yaml")}


def warehouse_query(warehouse_url: str, sql: str) -> tuple:
    conninfo = re.sub(r"^postgresql\+\w+://", "postgresql://", warehouse_url)  # SQLAlchemy URL -> libpq URI
    with psycopg.connect(conninfo) as conn:
        return conn.execute(sql).fetchone()


@pytest.fixture(scope="module")
def db_alert_count(warehouse_url, nightly_run) -> int:
    (count,) = warehouse_query(warehouse_url, "select count(*) from marts.fct_alert")
    assert count > 0, "nightly_run should leave at least one alert"
    return count


@pytest.fixture(scope="module")
def top_severity(warehouse_url, nightly_run) -> tuple[str, int]:
    """(severity, alerts) of the most frequent severity, to exercise the severity filter."""
    sql = "select severity, count(*) from marts.fct_alert group by 1 order by 2 desc, 1 limit 1"
    return warehouse_query(warehouse_url, sql)


@pytest.fixture(scope="module")
def dashboard_charts(superset_api) -> list[dict]:
    return superset_api.get("/api/v1/dashboard/monitoring/charts")["result"]


def test_import_creates_the_monitoring_dashboard_with_its_charts(superset_api, dashboard_charts):
    dash = superset_api.get("/api/v1/dashboard/monitoring")["result"]
    assert dash["dashboard_title"] == "风险监控 Monitoring"
    assert dash["slug"] == "monitoring"
    assert {c["slice_name"] for c in dashboard_charts} == CHART_TITLES
    assert len(dashboard_charts) == len(CHART_TITLES)
    filters = json.loads(dash["json_metadata"])["native_filter_configuration"]
    assert {f["filterType"] for f in filters} == {"filter_time", "filter_select"}
    # importer must have resolved the dataset uuid of the severity filter to a real id
    assert all("datasetId" in t for f in filters for t in f["targets"] if t)


def test_every_chart_returns_the_warehouse_total(superset_api, dashboard_charts, db_alert_count):
    for chart in (c for c in dashboard_charts if c["slice_name"] in ALERT_COUNT_TITLES):
        result = superset_api.get(f"/api/v1/chart/{chart['id']}/data/")["result"][0]
        rows = result["data"]
        assert rows, f"{chart['slice_name']}: no rows"
        total = sum(row["n_alerts"] for row in rows)
        assert total == db_alert_count, f"{chart['slice_name']}: sum(n_alerts)={total}, fct_alert has {db_alert_count}"


def test_manage_verify_reports_every_chart(superset_server, run_manage):
    out = run_manage("verify", "--url", superset_server).stdout
    dashboards = [d for rel, d in load_bundle(ASSETS).items() if rel.startswith("dashboards/")]
    on_dashboards = sum(
        1 for d in dashboards for c in d["position"].values() if isinstance(c, dict) and c.get("type") == "CHART"
    )
    assert f"verify: {on_dashboards} charts OK" in out


def login(page, base_url: str, username: str, password: str) -> None:
    # The React login form can re-render (language pack) right after load and drop typed
    # values, so wait for the network to settle, check the values, and retry once.
    for _ in range(2):
        page.goto(f"{base_url}/login/", wait_until="networkidle")
        page.locator("#username").fill(username)
        page.locator("input[type=password]").fill(password)
        expect(page.locator("#username")).to_have_value(username)
        page.locator("button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        if "/login" not in page.url:
            return
    pytest.fail(f"could not log in through /login/ (still on {page.url})")


def test_dashboard_renders_in_chromium(superset_server, superset_admin, chromium_path, db_alert_count, top_severity):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=args)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
            page.set_default_timeout(60_000)
            login(page, superset_server, *superset_admin)
            page.goto(f"{superset_server}/superset/dashboard/monitoring/")
            for title in CHART_TITLES:
                chart = page.locator(f'[data-test="chart-grid-component"][data-test-chart-name="{title}"]')
                expect(chart.locator('[data-test="editable-title"]')).to_have_text(title)
            big_number = page.locator('[data-test-viz-type="big_number_total"] .header-line')
            expect(big_number).to_have_text(f"{db_alert_count:,}")  # y_axis_format ",d"
            expect(page.locator('[data-test-viz-type="table"] tbody tr').first).to_be_visible()
            expect(page.locator('[data-test="chart-grid-component"] [role="alert"]')).to_have_count(0)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)  # let the ECharts entry animation finish before the screenshot
            page.screenshot(path=ARTIFACTS / "superset_dashboard.png", full_page=True)

            # native filter: picking one severity must narrow the big number to its alerts
            severity, count = top_severity
            page.locator('[data-test="NATIVE_FILTER-severity"]').click()
            page.locator(f'.ant-select-item-option[title="{severity}"]').click()
            page.keyboard.press("Escape")
            page.locator('[data-test="filter-bar__apply-button"]').click()
            expect(big_number).to_have_text(f"{count:,}")
        finally:
            browser.close()


def test_export_round_trips_the_committed_bundle(superset_server, run_manage, warehouse_url, tmp_path):
    out = tmp_path / "export"
    run_manage("export", "--out", str(out))
    committed, exported = load_bundle(ASSETS), load_bundle(out)
    assert set(exported) == set(committed)  # same files, same (committed) names

    def key_fields(rel: str, d: dict):
        kind = rel.split("/")[0]
        if kind == "dashboards":
            charts = sorted(
                c["meta"]["uuid"] for c in d["position"].values() if isinstance(c, dict) and c.get("type") == "CHART"
            )
            filters = [(f["name"], f["filterType"]) for f in d["metadata"].get("native_filter_configuration", [])]
            return d["uuid"], d["dashboard_title"], d["slug"], charts, filters
        if kind == "charts":
            return d["uuid"], d["slice_name"], d["viz_type"], d["dataset_uuid"], bool(d["query_context"])
        if kind == "datasets":
            cols = {c["column_name"]: c["verbose_name"] for c in d["columns"]}
            metrics = {m["metric_name"]: m["expression"] for m in d["metrics"]}
            return d["uuid"], d["schema"], d["table_name"], d["database_uuid"], cols, metrics
        if kind == "databases":
            return d["uuid"], d["database_name"], d["sqlalchemy_uri"]
        return d

    for rel in committed:
        assert key_fields(rel, exported[rel]) == key_fields(rel, committed[rel]), rel
    # the export must never carry the real connection string
    secret = re.sub(r"^[^:]+://", "", warehouse_url)
    assert not any(secret in p.read_text() for p in out.rglob("*.yaml"))


def test_setup_again_is_idempotent(superset_server, run_manage, superset_api):
    out = run_manage("setup").stdout
    assert "db upgrade: already at this Superset version, skipped" in out
    assert "init: done before, skipped" in out
    assert len(superset_api.get("/api/v1/dashboard/monitoring/charts")["result"]) == len(CHART_TITLES)
