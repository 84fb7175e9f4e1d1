"""Allowed state transitions (domain_notes.md §1.1), as data.

    ISSUE ─► OPEN ─ACK─► ACKED ─ASSIGN_VERIFY─► VERIFYING ─VERIFY_RESULT─┬─ FALSE_POSITIVE/JUSTIFIED ─► CLEARED
                                                                        └─ CONFIRMED ─► CONFIRMED ─DISPOSE─► DISPOSED
    DISPOSED ─FEEDBACK─► FEEDBACK_RECEIVED;  CLEARED, FEEDBACK_RECEIVED ─CLOSE─► CLOSED
    CLOSED ─REOPEN─► VERIFYING;  any live state ─ESCALATE─► ESCALATED (a new, linked alert carries on)
    REPORT_DISCIPLINE: once, in any live state, state unchanged.

Interpretation: §1.1 draws VERIFY_RESULT and FEEDBACK straight into CLOSED. Here closing is a separate CLOSE by the
person one level up who receives the feedback (§1.2), so nobody closes a case on his own conclusion; CLEARED and
FEEDBACK_RECEIVED are the "waiting for that approval" states. ESCALATED ends the old alert so it is not escalated
twice; ASSIGN_VERIFY may be repeated while VERIFYING to change the verifier.
"""

from __future__ import annotations

from customs_risk.disposition.errors import IllegalTransition, InvalidInput
from customs_risk.disposition.vocab import ACTION_ZH, STATUS_ZH, TERMINAL

# the step each status waits for: an action doing it is measured against the alert's current deadline
PENDING_STEP = {
    "OPEN": "ACK",
    "ACKED": "VERIFY_RESULT",
    "VERIFYING": "VERIFY_RESULT",
    "CONFIRMED": "DISPOSE",
    "DISPOSED": "FEEDBACK",
}

LIVE = ("OPEN", "ACKED", "VERIFYING", "CONFIRMED", "CLEARED", "DISPOSED", "FEEDBACK_RECEIVED", "CLOSED")

# action -> {from status: to status}; VERIFY_RESULT's target depends on the conclusion
TRANSITIONS: dict[str, dict[str, str]] = {
    "ACK": {"OPEN": "ACKED"},
    "ASSIGN_VERIFY": {"ACKED": "VERIFYING", "VERIFYING": "VERIFYING"},
    "VERIFY_RESULT": {"VERIFYING": "*"},
    "DISPOSE": {"CONFIRMED": "DISPOSED"},
    "FEEDBACK": {"DISPOSED": "FEEDBACK_RECEIVED"},
    "CLOSE": {"CLEARED": "CLOSED", "FEEDBACK_RECEIVED": "CLOSED"},
    "REOPEN": {"CLOSED": "VERIFYING"},
    "ESCALATE": {s: "ESCALATED" for s in LIVE},
    "REPORT_DISCIPLINE": {s: s for s in LIVE if s != "CLOSED"},
}


def next_status(status: str, action: str, conclusion: str | None = None) -> str:
    """The status after `action` in `status`, or IllegalTransition saying what is allowed instead."""
    if action not in TRANSITIONS:
        raise InvalidInput(f"未知操作 unknown action {action!r}", action=action)
    targets = TRANSITIONS[action]
    if status not in targets:
        allowed = "、".join(f"{a}({ACTION_ZH[a]})" for a in allowed_actions(status)) or "无 none"
        raise IllegalTransition(
            f"状态 {status}({STATUS_ZH.get(status, status)}) 下不能执行 {action}({ACTION_ZH[action]});"
            f" 可执行 allowed: {allowed}",
            status=status,
            action=action,
        )
    target = targets[status]
    if target == "*":
        if conclusion is None:
            raise InvalidInput("核查结论必填 a VERIFY_RESULT needs a conclusion", action=action)
        return "CONFIRMED" if conclusion == "CONFIRMED" else "CLEARED"
    return target


def allowed_actions(status: str) -> list[str]:
    if status in TERMINAL:
        return []
    return [a for a, targets in TRANSITIONS.items() if status in targets]
