"""The risk-disposal checks (EX-DSP-*) against a log written by the real disposition service, after the real night.

The disposition log is written by people and by the night's issue step, not by the extract, so the generator cannot
inject these cases. Here two alerts of the generated day are issued by the real `issue` at Saturday 02:00 (the night
after Friday's business day); on Monday the section chief of one of them acknowledges it, names himself verifier and
clears it as a false positive through `service.perform` as the application role (EX-DSP-004); the red one is left
untouched (EX-DSP-001 and EX-DSP-009); a second copy of the yellow one, acknowledged on Monday morning, is the near
miss of EX-DSP-001.
Then the checks run for Monday through dbt, and the warehouse is put back to the night's business day.

The file sorts after test_with_the_real_night.py on purpose: that test expects every hl alert of the session to be
freshly issued (each with a pending deadline), and the log is append-only, so the cases worked here come after it.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from psycopg.rows import dict_row

from customs_risk.disposition import schema, service, users
from customs_risk.disposition.db import app_url, connect_app
from customs_risk.disposition.escalation import issue
from customs_risk.disposition.service import Request
from customs_risk.disposition.workdays import TZ, WorkCalendar

pytestmark = pytest.mark.integration

ISSUED = datetime(2026, 11, 21, 2, 0, tzinfo=TZ)  # the night after Friday 20 November
MONDAY = date(2026, 11, 23)
SELECTION = "path:models/intermediate/risk_disposal path:models/checks/extension/risk_disposal"
_COPIED = (
    "check_code, biz_date, severity, object_type, object_id, event_ts, enterprise_code, officer_id, post_code,"
    " section_unit_code, subordinate_unit_code, direct_customs_code, evidence, params"
)


def _dbt_run(day: str) -> None:
    from tests.conftest import run_cli

    result = run_cli("dbt", "run", "--select", SELECTION, "--vars", f'{{"biz_date": "{day}"}}', check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _issue_copy(conn, alert: dict, tag: str, calendar: WorkCalendar) -> int:
    """A copy of a fct_alert row as its own hl alert (own key), issued by the real `issue` at ISSUED."""
    # dated the day before, so the night's own alerts of the day (test_with_the_real_night) keep their count
    copied = _COPIED.replace("biz_date,", "biz_date - 1,")
    alert_id = conn.execute(
        f"insert into hl.alert (alert_key, {_COPIED}, charged_unit_code)"
        f" select %s, {copied}, section_unit_code from marts.fct_alert where alert_key = %s returning alert_id",
        (f"dsp-test-{tag}-{alert['alert_key']}", alert["alert_key"]),
    ).fetchone()[0]
    issue(conn, alert_id, alert["severity"], ISSUED, calendar)
    return alert_id


def _chief(conn, section: str, not_officer: str | None) -> str | None:
    row = conn.execute(
        "select officer_id from staging.stg_raw__officer where title = 'section_chief' and section_unit_code = %s"
        " and officer_id is distinct from %s order by officer_id limit 1",
        (section, not_officer),
    ).fetchone()
    return row[0] if row else None


def test_disposal_checks_on_a_log_written_by_the_service(conn, pg_url, nightly_run):
    schema.migrate(conn)
    calendar = WorkCalendar.load(conn)
    with conn.cursor(row_factory=dict_row) as cur:
        day_alerts = cur.execute(
            "select alert_key, severity, officer_id, section_unit_code from marts.fct_alert"
            " where biz_date = %s and section_unit_code is not null and officer_id is not null"
            " order by severity, alert_key",
            (nightly_run,),
        ).fetchall()
    target = next(a for a in day_alerts if a["severity"] == "yellow")
    red = next(a for a in day_alerts if a["severity"] == "red")
    chief = _chief(conn, target["section_unit_code"], target["officer_id"])
    assert chief, "every section has a chief"

    with conn.transaction():
        cleared_id = _issue_copy(conn, target, "cleared", calendar)
        red_id = _issue_copy(conn, red, "red", calendar)
        acked_id = _issue_copy(conn, target, "acked", calendar)
        conn.execute(
            "insert into hl.app_user (user_name, officer_id, unit_code, roles, password_hash)"
            " values ('dsp-chief', %s, %s, array['section_chief'], %s)"
            " on conflict do nothing",  # the chief may already have an account (e.g. the demo users)
            (chief, target["section_unit_code"], users.hash_password("not-used")),
        )
        chief_user = conn.execute("select user_name from hl.app_user where officer_id = %s", (chief,)).fetchone()[0]
    # the Monday of the chief, through the real service as the application role
    with connect_app(app_url(pg_url)) as app:
        user = users.load_user(app, chief_user)

        def act(alert_id: int, action: str, hh: int, mm: int, **fields) -> dict:
            return service.perform(
                app, user, alert_id, Request(action, **fields), now=datetime(2026, 11, 23, hh, mm, tzinfo=TZ)
            )

        act(acked_id, "ACK", 9, 0)
        act(cleared_id, "ACK", 9, 5)
        act(cleared_id, "ASSIGN_VERIFY", 9, 10, assignee_officer_id=chief)
        state = act(cleared_id, "VERIFY_RESULT", 9, 40, conclusion="FALSE_POSITIVE", note="经核查系误报")
        assert state["status"] == "CLEARED"
    verify_action = conn.execute(
        "select action_id from hl.alert_action where alert_id = %s and action = 'VERIFY_RESULT'", (cleared_id,)
    ).fetchone()[0]

    try:
        _dbt_run(MONDAY.isoformat())
        fired = {
            code: {r[0]: r[1] for r in conn.execute(f"select object_id, officer_id from checks.{view}")}
            for code, view in (
                ("EX-DSP-001", "chk_ex_dsp_001__alert_not_acknowledged"),
                ("EX-DSP-004", "chk_ex_dsp_004__self_verification"),
                ("EX-DSP-009", "chk_ex_dsp_009__red_alert_not_reported"),
            )
        }
        # the chief cleared an alert of his own section as a false positive: self-verification, charged to him
        assert fired["EX-DSP-004"].get(str(verify_action)) == chief
        # the red alert waited Monday's 9 working hours unacknowledged and unreported
        assert str(red_id) in fired["EX-DSP-001"] and str(red_id) in fired["EX-DSP-009"]
        # near misses: acknowledged on Monday morning (and the cleared one, acknowledged too)
        assert str(acked_id) not in fired["EX-DSP-001"] and str(cleared_id) not in fired["EX-DSP-001"]
    finally:
        _dbt_run(nightly_run)
    # back on the night's day, the log of Monday is in the future: nothing of it is judged
    assert conn.execute("select count(*) from checks.chk_ex_dsp_004__self_verification").fetchone()[0] == 0
