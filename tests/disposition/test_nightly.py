"""The two nightly steps: issuing the day's alerts (idempotent, with working-day deadlines) and time escalation
across the National Day holidays, a make-up working day and a plain weekend."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from psycopg.types.json import Jsonb

from customs_risk.disposition import nightly
from customs_risk.disposition.workdays import TZ, end_of_day
from tests.disposition import fixture_data as fx

pytestmark = pytest.mark.integration


def _deadlines(owner, key):
    return owner.execute(
        "select detail -> 'deadlines' from hl.alert_action join hl.alert using (alert_id)"
        " where alert_key = %s and action = 'ISSUE'",
        (key,),
    ).fetchone()[0]


def test_issue_copies_the_day_once_with_deadlines(owner):
    assert owner.execute("select count(*) from hl.alert_action where action = 'ISSUE'").fetchone()[0] == len(fx.ALERTS)
    assert nightly.issue_new_alerts(owner, fx.BIZ_DATE) == 0  # a second night for the same day adds nothing
    assert owner.execute("select count(*) from hl.alert").fetchone()[0] == len(fx.ALERTS)
    yellow = _deadlines(owner, "k-yellow")
    assert datetime.fromisoformat(yellow["ACK"]) == end_of_day(date(2026, 10, 8))  # over the holidays
    assert datetime.fromisoformat(yellow["VERIFY_RESULT"]) == end_of_day(date(2026, 10, 20))
    red = _deadlines(owner, "k-red")
    assert datetime.fromisoformat(red["ACK"]) == end_of_day(date(2026, 9, 30))  # same working day
    assert datetime.fromisoformat(red["REPORT_DISCIPLINE"]) == end_of_day(date(2026, 10, 8))
    row = owner.execute("select check_name_zh, charged_unit_code from hl.alert where alert_key = 'k-yellow'").fetchone()
    assert row == ("查验不足两人", "5201-01")
    assert owner.execute("select charged_unit_code from hl.alert where alert_key = 'k-unit'").fetchone()[0] == "5201-02"
    # the reference copy holds the current version of a reorganised unit
    assert owner.execute("select parent_unit_code from hl.org_unit where unit_code = '5201-02'").fetchone()[0] == "5201"


def test_escalation_waits_for_the_holidays(owner, alert_ids):
    # 7 Oct is the last holiday: only the red, due the day it was issued (30 Sep), is overdue
    first = nightly.escalate_overdue(owner, date(2026, 10, 7))
    assert [old for old, _ in first] == [alert_ids["k-red"]]
    new_red = owner.execute("select * from hl.alert where alert_id = %s", (first[0][1],)).fetchone()
    cols = [d.name for d in owner.execute("select * from hl.alert limit 0").description]
    new_red = dict(zip(cols, new_red, strict=True))
    assert new_red["severity"] == "red" and new_red["level_shift"] == 1  # red goes one level up
    assert new_red["escalation_reason"] == "OVERDUE:ACK" and new_red["parent_alert_id"] == alert_ids["k-red"]

    # 8 Oct ends: every unacknowledged yellow and orange is now overdue and goes one colour up
    second = dict(nightly.escalate_overdue(owner, date(2026, 10, 8)))
    assert alert_ids["k-yellow"] in second and alert_ids["k-orange"] in second
    states = dict(
        owner.execute(
            "select alert_id, severity from hl.alert_state where alert_id = any(%s)",
            ([second[alert_ids["k-yellow"]], second[alert_ids["k-orange"]]],),
        ).fetchall()
    )
    assert states[second[alert_ids["k-yellow"]]] == "orange" and states[second[alert_ids["k-orange"]]] == "red"
    old = owner.execute(
        "select status, escalated_to_alert_id from hl.alert_state where alert_id = %s", (alert_ids["k-yellow"],)
    ).fetchone()
    assert old == ("ESCALATED", second[alert_ids["k-yellow"]])
    # the new orange was issued when 8 Oct ended (Friday 9 Oct): one working day is Saturday 10 Oct, a make-up day
    due = owner.execute(
        "select due_ts from hl.alert_state where alert_id = %s", (second[alert_ids["k-yellow"]],)
    ).fetchone()[0]
    assert due == end_of_day(date(2026, 10, 10))
    log = owner.execute(
        "select action, deadline_ts, related_alert_id from hl.alert_action where alert_id = %s order by action_seq",
        (alert_ids["k-yellow"],),
    ).fetchall()
    assert log[-1] == ("ESCALATE", end_of_day(date(2026, 10, 8)), second[alert_ids["k-yellow"]])

    # idempotent: the same night again escalates nothing
    assert nightly.escalate_overdue(owner, date(2026, 10, 8)) == []


def test_red_at_the_top_is_not_escalated_again(owner, alert_ids):
    chain = [alert_ids["k-red"]]
    for day in (date(2026, 10, 7), date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 20)):
        for old, new in nightly.escalate_overdue(owner, day):
            if old == chain[-1]:
                chain.append(new)
    shifts = [owner.execute("select level_shift from hl.alert where alert_id = %s", (a,)).fetchone()[0] for a in chain]
    assert shifts == [0, 1, 2]  # subordinate → directly-affiliated → GACC, then it stays


def test_escalation_over_a_plain_weekend(owner):
    friday_alert = ("k-friday", "AP-CLR-003", date(2026, 10, 15), "yellow", "OBJ-F", "520100001", "5201-01")
    owner.execute(
        "insert into marts.fct_alert (alert_key, check_code, biz_date, severity, object_type, object_id, officer_id,"
        " section_unit_code, evidence, params) values (%s, %s, %s, %s, 'ENTRY', %s, %s, %s, %s, '{}')",
        (*friday_alert, Jsonb({})),
    )
    try:
        assert nightly.issue_new_alerts(owner, date(2026, 10, 15), now=datetime(2026, 10, 16, 1, 30, tzinfo=TZ)) == 1
        assert _deadlines(owner, "k-friday")["ACK"] == end_of_day(date(2026, 10, 19)).isoformat()
        escalated = {
            key
            for day in (date(2026, 10, 17), date(2026, 10, 18))
            for old, _ in nightly.escalate_overdue(owner, day)
            for (key,) in owner.execute("select alert_key from hl.alert where alert_id = %s", (old,))
        }
        assert "k-friday" not in escalated  # Saturday and Sunday do not count
        monday = nightly.escalate_overdue(owner, date(2026, 10, 19))
        keys = {
            owner.execute("select alert_key from hl.alert where alert_id = %s", (o,)).fetchone()[0] for o, _ in monday
        }
        assert "k-friday" in keys
    finally:
        owner.execute("delete from marts.fct_alert where alert_key = 'k-friday'")


def test_the_dag_entry_points(owner, dispo_url, monkeypatch):
    from customs_risk.disposition import schema

    monkeypatch.setenv("DATABASE_URL", dispo_url)
    assert schema.migrate_warehouse() == []
    assert nightly.run_night(fx.BIZ_DATE.isoformat()) == {"issued": 0, "escalated": 0}
    assert nightly.run_night("2026-10-08")["escalated"] > 0  # everything unacknowledged by then
