"""Cases worked through `service.perform` as the application role: the full life of an alert per colour, and every
refusal (wrong state, wrong person, own alert, outside the subtree, too weak a measure, stale state)."""

from __future__ import annotations

from datetime import datetime

import pytest

from customs_risk.disposition import queue, service
from customs_risk.disposition.errors import (
    ConcurrentChange,
    IllegalTransition,
    InvalidInput,
    MeasureTooWeak,
    NotPermitted,
    NotVisible,
    UnknownAlert,
)
from customs_risk.disposition.service import Request
from customs_risk.disposition.workdays import TZ, end_of_day
from tests.disposition import fixture_data as fx

pytestmark = pytest.mark.integration
T = datetime(2026, 10, 8, 10, 0, tzinfo=TZ)  # first working day after the holidays


def act(app, user, alert_id, action, now=T, **fields):
    return service.perform(app, user, alert_id, Request(action, **fields), now=now)


def test_yellow_from_issue_to_close(app, who, alert_ids):
    a = alert_ids["k-yellow"]
    assert act(app, who["chief01"], a, "ACK")["status"] == "ACKED"
    state = act(app, who["chief01"], a, "ASSIGN_VERIFY", assignee_officer_id="520100002")
    assert state["status"] == "VERIFYING" and state["assignee_officer_id"] == "520100002"
    state = act(app, who["peer01"], a, "VERIFY_RESULT", conclusion="CONFIRMED", note="查验仅一人在场")
    assert state["status"] == "CONFIRMED"
    # disposal is due 5 working days after the confirmation (8 Oct → 9, 10 (make-up), 12, 13, 14)
    assert state["due_ts"] == end_of_day(datetime(2026, 10, 14).date())
    assert act(app, who["chief01"], a, "DISPOSE", disposal_measure="REMIND_TALK")["status"] == "DISPOSED"
    state = act(app, who["sub_sup"], a, "FEEDBACK", note="已整改", document_refs=("整改报告-001",))
    assert state["status"] == "FEEDBACK_RECEIVED"
    state = act(app, who["sub_sup"], a, "CLOSE")
    assert state["status"] == "CLOSED" and state["conclusion"] == "CONFIRMED"
    assert state["disposal_measure"] == "REMIND_TALK" and state["last_seq"] == 7
    log = app.execute(
        "select action, actor_user, actor_role, deadline_ts from hl.alert_action where alert_id = %s order by 1",
        (a,),
    ).fetchall()
    ack = next(r for r in log if r["action"] == "ACK")
    assert ack["actor_role"] == "section_chief" and ack["deadline_ts"] == end_of_day(datetime(2026, 10, 8).date())
    # a closed case is reopened for verification, not edited
    state = act(app, who["sub_sup"], a, "REOPEN", note="复查发现结论有误")
    assert state["status"] == "VERIFYING"


def test_orange_is_decided_by_the_leader_and_approved_one_level_up(app, who, alert_ids):
    a = alert_ids["k-orange"]
    act(app, who["sub_leader"], a, "ACK")
    act(app, who["sub_sup"], a, "ASSIGN_VERIFY", assignee_officer_id="520100050")
    act(app, who["sub_sup"], a, "VERIFY_RESULT", conclusion="CONFIRMED")
    with pytest.raises(MeasureTooWeak, match="ADMONISH_TALK"):
        act(app, who["sub_leader"], a, "DISPOSE", disposal_measure="REMIND_TALK")
    act(app, who["sub_leader"], a, "DISPOSE", disposal_measure="CORRECT_NOTICE")
    with pytest.raises(NotPermitted):  # the subordinate supervision office is not one level up from its leader
        act(app, who["sub_sup"], a, "FEEDBACK", note="已整改")
    act(app, who["direct_sup"], a, "FEEDBACK", note="已整改", document_refs=("纠错回执-7",))
    assert act(app, who["direct_sup"], a, "CLOSE")["status"] == "CLOSED"


def test_red_needs_discipline_inspection(app, who, alert_ids):
    a = alert_ids["k-red"]
    act(app, who["sub_leader"], a, "ACK")
    state = act(app, who["direct_sup"], a, "REPORT_DISCIPLINE", note="已报纪检组")
    assert state["status"] == "ACKED" and state["reported_ts"] == T
    with pytest.raises(IllegalTransition, match="报纪检监察"):
        act(app, who["direct_sup"], a, "REPORT_DISCIPLINE")
    act(app, who["direct_sup"], a, "ASSIGN_VERIFY", assignee_officer_id="100000001")
    act(app, who["gacc_disc"], a, "VERIFY_RESULT", conclusion="CONFIRMED")
    with pytest.raises(NotPermitted):
        act(app, who["sub_leader"], a, "DISPOSE", disposal_measure="REFER_DISCIPLINE")
    with pytest.raises(MeasureTooWeak):
        act(app, who["direct_sup"], a, "DISPOSE", disposal_measure="ADMONISH_TALK")
    assert act(app, who["direct_sup"], a, "DISPOSE", disposal_measure="REFER_DISCIPLINE")["status"] == "DISPOSED"


def test_false_positive_waits_for_approval_then_closes(app, who, alert_ids):
    a = alert_ids["k-yellow"]
    act(app, who["chief01"], a, "ACK")
    act(app, who["chief01"], a, "ASSIGN_VERIFY", assignee_officer_id="520100003")
    assert act(app, who["chief01"], a, "VERIFY_RESULT", conclusion="FALSE_POSITIVE")["status"] == "CLEARED"
    with pytest.raises(NotPermitted):  # the verifier does not close his own conclusion
        act(app, who["chief01"], a, "CLOSE")
    with pytest.raises(IllegalTransition):
        act(app, who["chief01"], a, "DISPOSE", disposal_measure="REMIND_TALK")
    assert act(app, who["sub_sup"], a, "CLOSE")["status"] == "CLOSED"


def test_illegal_transition_is_refused_and_nothing_is_written(app, owner, who, alert_ids):
    a = alert_ids["k-yellow"]
    with pytest.raises(IllegalTransition, match="OPEN"):
        act(app, who["chief01"], a, "VERIFY_RESULT", conclusion="CONFIRMED")
    assert owner.execute("select count(*) from hl.alert_action where alert_id = %s", (a,)).fetchone()[0] == 1


def test_self_disposal_is_refused(app, who, alert_ids):
    # chief01 is the attributed officer of k-self: he can neither see nor act on it
    with pytest.raises(NotVisible, match="本人"):
        act(app, who["chief01"], alert_ids["k-self"], "ACK")
    listed = {r["alert_id"] for r in queue.list_alerts(app, who["chief01"])}
    assert alert_ids["k-self"] not in listed and alert_ids["k-yellow"] in listed
    # nor can anyone designate the attributed officer, or an officer named in the evidence, as verifier
    act(app, who["chief01"], alert_ids["k-yellow"], "ACK")
    with pytest.raises(InvalidInput, match="verifier must not"):
        act(app, who["chief01"], alert_ids["k-yellow"], "ASSIGN_VERIFY", assignee_officer_id="520100001")
    act(app, who["chief02"], alert_ids["k-evid"], "ACK")
    for named in ("520100011", "520100002"):
        with pytest.raises(InvalidInput, match="verifier must not"):
            act(app, who["chief02"], alert_ids["k-evid"], "ASSIGN_VERIFY", assignee_officer_id=named)


def test_subtree_visibility(app, who, alert_ids):
    def seen(user):
        return {r["alert_key"] for r in queue.list_alerts(app, who[user])}

    assert seen("chief01") == {"k-yellow", "k-orange", "k-red"}  # his section, not his own alert
    assert seen("chief02") == {"k-evid", "k-unit"}  # k-unit is charged to 5201-02 through its evidence
    assert seen("chief_other") == {"k-other"}
    assert seen("sub_sup") == {"k-yellow", "k-orange", "k-red", "k-self", "k-evid", "k-unit"}
    assert seen("direct_sup") == {k for k, *_ in fx.ALERTS}
    assert seen("peer01") == set()  # a plain officer sees only what he is asked to verify
    assert seen("officer01") == {"k-self"}  # never his own alerts, even with a chief's role
    with pytest.raises(NotVisible, match="subtree"):
        act(app, who["chief_other"], alert_ids["k-yellow"], "ACK")
    with pytest.raises(UnknownAlert):
        act(app, who["chief01"], 999_999, "ACK")


def test_queue_filters(app, who, alert_ids):
    user = who["direct_sup"]
    assert {r["severity"] for r in queue.list_alerts(app, user, queue.Filters(severities=("red",)))} == {"red"}
    assert [r["alert_key"] for r in queue.list_alerts(app, user, queue.Filters(text="k-evid"))] == ["k-evid"]
    act(app, who["chief01"], alert_ids["k-yellow"], "ACK")
    acked = queue.list_alerts(app, user, queue.Filters(statuses=("ACKED",)))
    assert [r["alert_key"] for r in acked] == ["k-yellow"]
    with pytest.raises(InvalidInput, match="unknown status"):
        queue.list_alerts(app, user, queue.Filters(statuses=("DONE",)))


def test_a_stale_page_cannot_overwrite_a_newer_action(app, who, alert_ids):
    a = alert_ids["k-yellow"]
    act(app, who["chief01"], a, "ACK", expected_seq=1)
    with pytest.raises(ConcurrentChange):
        act(app, who["chief01"], a, "ASSIGN_VERIFY", assignee_officer_id="520100002", expected_seq=1)


def test_manual_escalation_links_a_new_alert(app, who, alert_ids):
    a = alert_ids["k-yellow"]
    with pytest.raises(InvalidInput, match="needs a note"):
        act(app, who["chief01"], a, "ESCALATE")
    state = act(app, who["chief01"], a, "ESCALATE", note="多次提醒未改正")
    assert state["status"] == "ESCALATED" and state["escalated_to_alert_id"]
    new = app.execute("select * from hl.alert_state where alert_id = %s", (state["escalated_to_alert_id"],)).fetchone()
    assert new["severity"] == "orange" and new["status"] == "OPEN" and new["parent_alert_id"] == a
    assert new["object_id"] == "OBJ-k-yellow" and new["officer_id"] == "520100001"
