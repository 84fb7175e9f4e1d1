"""The rules on their own (no database): transitions, who may act, minimum measures, deadlines, input checks."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from customs_risk.disposition.deadlines import issue_plan, step_due
from customs_risk.disposition.errors import IllegalTransition, InvalidInput, MeasureTooWeak, NotPermitted, NotVisible
from customs_risk.disposition.measures import check_measure
from customs_risk.disposition.permissions import User, acting_role, can_escalate_further, can_see, check_visible
from customs_risk.disposition.service import Request, validate
from customs_risk.disposition.transitions import allowed_actions, next_status
from customs_risk.disposition.workdays import TZ, WorkCalendar, end_of_day, show_deadline
from tests.disposition import fixture_data as fx

CAL = WorkCalendar({d: workday for d, workday, _ in fx.calendar_rows()})


# --- transitions ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "action", "conclusion", "expected"),
    [
        ("OPEN", "ACK", None, "ACKED"),
        ("ACKED", "ASSIGN_VERIFY", None, "VERIFYING"),
        ("VERIFYING", "ASSIGN_VERIFY", None, "VERIFYING"),
        ("VERIFYING", "VERIFY_RESULT", "CONFIRMED", "CONFIRMED"),
        ("VERIFYING", "VERIFY_RESULT", "FALSE_POSITIVE", "CLEARED"),
        ("VERIFYING", "VERIFY_RESULT", "JUSTIFIED", "CLEARED"),
        ("CONFIRMED", "DISPOSE", None, "DISPOSED"),
        ("DISPOSED", "FEEDBACK", None, "FEEDBACK_RECEIVED"),
        ("FEEDBACK_RECEIVED", "CLOSE", None, "CLOSED"),
        ("CLEARED", "CLOSE", None, "CLOSED"),
        ("CLOSED", "REOPEN", None, "VERIFYING"),
        ("OPEN", "ESCALATE", None, "ESCALATED"),
        ("CLOSED", "ESCALATE", None, "ESCALATED"),
        ("VERIFYING", "REPORT_DISCIPLINE", None, "VERIFYING"),
    ],
)
def test_allowed_transitions(status, action, conclusion, expected):
    assert next_status(status, action, conclusion) == expected


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("OPEN", "ASSIGN_VERIFY"),  # acknowledge first
        ("OPEN", "VERIFY_RESULT"),
        ("ACKED", "DISPOSE"),
        ("CLEARED", "DISPOSE"),  # nothing to dispose after a false positive
        ("CONFIRMED", "CLOSE"),  # a confirmed breach is not closed without disposal and feedback
        ("DISPOSED", "CLOSE"),
        ("VERIFYING", "REOPEN"),
        ("CLOSED", "ACK"),
        ("ESCALATED", "ACK"),  # the escalated alert carries on, not this one
        ("ESCALATED", "ESCALATE"),
        ("CLOSED", "REPORT_DISCIPLINE"),
    ],
)
def test_refused_transitions_say_what_is_allowed(status, action):
    with pytest.raises(IllegalTransition) as err:
        next_status(status, action, "CONFIRMED")
    assert err.value.http_status == 409 and status in err.value.message and "allowed" in err.value.message


def test_terminal_states_allow_nothing():
    assert allowed_actions("ESCALATED") == [] and allowed_actions("ARCHIVED") == []
    assert set(allowed_actions("CLOSED")) == {"REOPEN", "ESCALATE"}


# --- who may act -------------------------------------------------------------------------------------------
def _user(level, *roles, officer="999", unit="U"):
    return User("u", officer, None, unit, level, tuple(roles))


def _alert(severity, **kw):
    return {"alert_id": 1, "severity": severity, "officer_id": "520100001", "level_shift": 0, **kw}


@pytest.mark.parametrize(
    ("severity", "action", "user", "role"),
    [
        ("yellow", "ACK", _user("SECTION", "section_chief"), "section_chief"),
        ("yellow", "CLOSE", _user("SUBORDINATE", "supervision"), "supervision"),
        ("orange", "ACK", _user("SUBORDINATE", "subordinate_leader"), "subordinate_leader"),
        ("orange", "VERIFY_RESULT", _user("SUBORDINATE", "supervision"), "supervision"),
        ("orange", "CLOSE", _user("DIRECT", "supervision"), "supervision"),  # approval one level up
        ("red", "ACK", _user("DIRECT", "supervision"), "supervision"),
        ("red", "DISPOSE", _user("DIRECT", "discipline"), "discipline"),
        ("red", "CLOSE", _user("GACC", "discipline"), "discipline"),
    ],
)
def test_who_may_act_by_colour(severity, action, user, role):
    assert acting_role(user, _alert(severity), action) == role


@pytest.mark.parametrize(
    ("severity", "action", "user"),
    [
        ("yellow", "ACK", _user("SUBORDINATE", "subordinate_leader")),  # a yellow is the section chief's
        ("orange", "ACK", _user("SECTION", "section_chief")),  # an orange is above the section chief
        ("orange", "DISPOSE", _user("SUBORDINATE", "supervision")),  # supervision verifies, the leader decides
        ("orange", "CLOSE", _user("SUBORDINATE", "supervision")),  # closing needs the level above
        ("red", "DISPOSE", _user("SUBORDINATE", "subordinate_leader")),
        ("red", "CLOSE", _user("DIRECT", "discipline")),
        ("yellow", "VERIFY_RESULT", _user("SECTION", "officer")),  # a peer only once designated
    ],
)
def test_who_may_not_act(severity, action, user):
    with pytest.raises(NotPermitted) as err:
        acting_role(user, _alert(severity), action)
    assert err.value.http_status == 403


def test_designated_verifier_may_record_the_result():
    peer = _user("SECTION", "officer", officer="520100002")
    assert acting_role(peer, _alert("yellow", assignee_officer_id="520100002"), "VERIFY_RESULT") == "officer"
    with pytest.raises(NotPermitted):
        acting_role(peer, _alert("yellow", assignee_officer_id="520100002"), "DISPOSE")


def test_an_escalated_red_needs_the_next_level_up():
    alert = _alert("red", level_shift=1)
    with pytest.raises(NotPermitted) as err:
        acting_role(_user("DIRECT", "discipline"), alert, "DISPOSE")
    assert "GACC" in err.value.message
    assert acting_role(_user("GACC", "discipline"), alert, "DISPOSE") == "discipline"
    assert can_escalate_further(_alert("red", level_shift=1))
    assert not can_escalate_further(_alert("red", level_shift=2))


def test_nobody_sees_an_alert_charged_to_himself():
    chief = _user("SECTION", "section_chief", officer="520100001")
    assert not can_see(chief, _alert("yellow"), in_subtree=True)
    with pytest.raises(NotVisible) as err:
        check_visible(chief, _alert("yellow"), in_subtree=True)
    assert "本人" in err.value.message
    other = _user("SECTION", "section_chief", officer="520100003")
    assert can_see(other, _alert("yellow"), in_subtree=True)
    assert not can_see(other, _alert("yellow"), in_subtree=False)


def test_a_plain_officer_sees_only_what_he_verifies():
    peer = _user("SECTION", "officer", officer="520100002")
    assert not can_see(peer, _alert("yellow"), in_subtree=True)
    assert can_see(peer, _alert("yellow", assignee_officer_id="520100002"), in_subtree=True)


# --- minimum disposal measure ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("severity", "weak", "enough"),
    [
        ("yellow", "NONE", "REMIND_TALK"),
        ("orange", "REMIND_TALK", "ADMONISH_TALK"),
        ("orange", "REMIND_TALK", "CORRECT_NOTICE"),
        ("red", "ADMONISH_TALK", "REFER_DISCIPLINE"),
        ("red", "CORRECT_NOTICE", "ORG_HANDLING"),
    ],
)
def test_minimum_measure_per_colour(severity, weak, enough):
    check_measure(severity, enough)
    with pytest.raises(MeasureTooWeak) as err:
        check_measure(severity, weak)
    assert enough in err.value.message and weak in err.value.message and err.value.http_status == 422


# --- working days and deadlines ----------------------------------------------------------------------------
def test_calendar_holidays_and_make_up_days():
    assert not CAL.is_workday(date(2026, 10, 1))  # National Day, a Thursday
    assert CAL.is_workday(date(2026, 9, 27))  # Sunday make-up day
    assert CAL.is_workday(date(2026, 10, 10))  # Saturday make-up day
    assert not CAL.is_workday(date(2026, 10, 11))  # plain Sunday
    assert CAL.is_workday(date(2027, 3, 1)) and not CAL.is_workday(date(2027, 3, 6))  # outside: weekdays
    assert CAL.workdays_between(date(2026, 9, 30), date(2026, 10, 9)) == 2  # 8 and 9 Oct


@pytest.mark.parametrize(
    ("issued", "severity", "step", "due_day"),
    [
        # Wednesday before the holidays: one working day is Thursday 8 Oct, after seven days off
        (datetime(2026, 9, 30, 9, 0, tzinfo=TZ), "yellow", "ACK", date(2026, 10, 8)),
        # yellow verification, 10 working days: 8, 9, 10 (Sat, make-up), 12, 13, 14, 15, 16, 19, 20 Oct
        (datetime(2026, 9, 30, 9, 0, tzinfo=TZ), "yellow", "VERIFY_RESULT", date(2026, 10, 20)),
        (datetime(2026, 9, 30, 9, 0, tzinfo=TZ), "orange", "VERIFY_RESULT", date(2026, 10, 13)),
        # Friday: the Sunday make-up day is the next working day
        (datetime(2026, 9, 25, 16, 0, tzinfo=TZ), "orange", "ACK", date(2026, 9, 27)),
        # Friday over a plain weekend
        (datetime(2026, 10, 16, 16, 0, tzinfo=TZ), "yellow", "ACK", date(2026, 10, 19)),
        # red acknowledgement is "the same working day": on a Saturday that is Monday
        (datetime(2026, 10, 17, 1, 30, tzinfo=TZ), "red", "ACK", date(2026, 10, 19)),
        (datetime(2026, 10, 16, 1, 30, tzinfo=TZ), "red", "ACK", date(2026, 10, 16)),
        (datetime(2026, 10, 16, 1, 30, tzinfo=TZ), "red", "REPORT_DISCIPLINE", date(2026, 10, 19)),
        # disposal two working days after a red confirmed on the last day before the holidays
        (datetime(2026, 9, 30, 17, 0, tzinfo=TZ), "red", "DISPOSE", date(2026, 10, 9)),
    ],
)
def test_deadlines_in_working_days(issued, severity, step, due_day):
    assert step_due(CAL, step, severity, issued) == end_of_day(due_day)


def test_deadline_is_counted_in_local_time():
    # 2026-09-29 17:00 UTC is already Wednesday 30 Sep in Shanghai
    issued = datetime.fromisoformat("2026-09-29T17:00:00+00:00")
    assert step_due(CAL, "ACK", "yellow", issued) == end_of_day(date(2026, 10, 8))


def test_issue_plan_has_discipline_report_only_for_red():
    assert set(issue_plan(CAL, "yellow", fx.ISSUED_AT)) == {"ACK", "VERIFY_RESULT"}
    assert set(issue_plan(CAL, "red", fx.ISSUED_AT)) == {"ACK", "VERIFY_RESULT", "REPORT_DISCIPLINE"}


# --- input validation --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("request_", "fragment"),
    [
        (Request("FLY"), "unknown action"),
        (Request("VERIFY_RESULT", conclusion="MAYBE"), "unknown conclusion"),
        (Request("VERIFY_RESULT"), "needs conclusion"),
        (Request("ACK", note="x" * 2001), "at most 2000"),
        (Request("ACK", disposal_measure="REMIND_TALK"), "does not take"),
        (Request("DISPOSE", disposal_measure="SPANKING"), "unknown disposal measure"),
        (Request("VERIFY_RESULT", conclusion="JUSTIFIED"), "document reference"),
        (Request("REOPEN"), "needs a note"),
        (Request("ASSIGN_VERIFY", assignee_officer_id="x y"), "malformed officer id"),
        (Request("FEEDBACK"), "needs a note or evidence"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(request_, fragment):
    with pytest.raises(InvalidInput) as err:
        validate(request_)
    assert fragment in err.value.message and err.value.http_status == 422


def test_a_note_of_exactly_2000_characters_is_fine():
    assert validate(Request("ack", note="说" * 2000)).action == "ACK"


def test_deadlines_read_as_the_end_of_their_day():
    assert show_deadline(end_of_day(date(2026, 10, 8))) == "2026-10-08 24:00"
    assert show_deadline(datetime(2026, 10, 8, 17, 30, tzinfo=TZ)) == "2026-10-08 17:30"
    assert show_deadline(None) == ""
