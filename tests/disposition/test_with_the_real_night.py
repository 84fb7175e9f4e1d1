"""Disposition against the real warehouse after one real nightly DAG run: the dbt relations it reads have the
shape it expects, every alert of the day is issued once, and the application role reads them."""

from __future__ import annotations

import pytest

from customs_risk.disposition import nightly, schema
from customs_risk.disposition.db import app_url, connect_app

pytestmark = pytest.mark.integration


def test_the_nights_alerts_are_issued_once(conn, pg_url, nightly_run):
    schema.migrate(conn)
    nightly.issue_new_alerts(conn, nightly_run)
    day_alerts = conn.execute("select count(*) from marts.fct_alert where biz_date = %s", (nightly_run,)).fetchone()[0]
    issued = conn.execute(
        "select count(*) from hl.alert join hl.alert_action using (alert_id)"
        " where biz_date = %s and action = 'ISSUE' and parent_alert_id is null",
        (nightly_run,),
    ).fetchone()[0]
    assert day_alerts > 0 and issued == day_alerts
    assert nightly.issue_new_alerts(conn, nightly_run) == 0
    # every alert is charged to a unit of the synchronised org tree, and has an acknowledgement deadline
    orphans = conn.execute(
        "select count(*) from hl.alert_state s left join hl.org_unit u on u.unit_code = s.charged_unit_code"
        " where u.unit_code is null or s.due_ts is null"
    ).fetchone()[0]
    assert orphans == 0
    assert conn.execute("select count(*) from hl.work_calendar where is_holiday").fetchone()[0] > 0
    with connect_app(app_url(pg_url)) as app:
        assert app.execute("select count(*) as n from hl.alert_state").fetchone()["n"] >= day_alerts
