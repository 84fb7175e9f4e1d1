"""Deadlines by colour and step (domain_notes.md §1.3), in working days.

ACK, VERIFY_RESULT and REPORT_DISCIPLINE count from ISSUE; DISPOSE from the CONFIRMED verification result;
FEEDBACK from the disposal decision; after a REOPEN the verification gets its full time again from the REOPEN.
The target's 5-calendar-day self-analysis after a talk is the target's duty, outside this log.
"""

from __future__ import annotations

from datetime import datetime

from customs_risk.disposition.workdays import WorkCalendar, due

# step -> colour -> working days (0.5 = the same working day)
DEADLINE_WORKDAYS: dict[str, dict[str, float]] = {
    "ACK": {"yellow": 1, "orange": 1, "red": 0.5},
    "VERIFY_RESULT": {"yellow": 10, "orange": 5, "red": 3},
    "DISPOSE": {"yellow": 5, "orange": 5, "red": 2},
    "FEEDBACK": {"yellow": 20, "orange": 30, "red": 30},
    "REPORT_DISCIPLINE": {"red": 1},
}


def step_due(calendar: WorkCalendar, step: str, severity: str, start: datetime) -> datetime | None:
    days = DEADLINE_WORKDAYS.get(step, {}).get(severity)
    return None if days is None else due(calendar, start, days)


def issue_plan(calendar: WorkCalendar, severity: str, issued_ts: datetime) -> dict[str, datetime]:
    """The deadlines fixed at ISSUE: acknowledge, verification result, and (red) report to discipline inspection."""
    plan = {}
    for step in ("ACK", "VERIFY_RESULT", "REPORT_DISCIPLINE"):
        d = step_due(calendar, step, severity, issued_ts)
        if d is not None:
            plan[step] = d
    return plan
