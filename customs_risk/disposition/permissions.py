"""Who may see and who may act (domain_notes.md §1.2), by colour, role and the level of the user's unit.

A user has a unit (the root of the subtree they oversee) and roles. They see an alert when its charged unit is in
that subtree, it is not charged to themselves, and — for a plain officer — it is assigned to them for
verification. They may perform an action when one of their roles is listed for the alert's colour and their unit
sits at (or above) the listed level. An escalated red alert (level_shift > 0) needs every level one step higher.

Closing (CLOSE) and receiving feedback are done one level above the decider: yellow by the subordinate customs'
supervision office, orange by the directly-affiliated customs' 监察室, red at GACC level (§1.2 "receives feedback").
"""

from __future__ import annotations

from dataclasses import dataclass

from customs_risk.disposition.errors import NotPermitted, NotVisible
from customs_risk.disposition.vocab import ACTION_ZH, COLOUR_ZH, LEVEL_ZH, LEVELS, ROLE_ZH

ASSIGNEE = ("assignee", "")  # the verifier named by ASSIGN_VERIFY, whatever their roles
S, B, D, G = LEVELS  # SECTION, SUBORDINATE, DIRECT, GACC

# action -> colour -> [(role, minimum level of the user's unit)]
MATRIX: dict[str, dict[str, list[tuple[str, str]]]] = {
    "ACK": {
        "yellow": [("section_chief", S)],
        "orange": [("subordinate_leader", B)],
        "red": [("subordinate_leader", B), ("supervision", D)],
    },
    "ASSIGN_VERIFY": {
        "yellow": [("section_chief", S)],
        "orange": [("subordinate_leader", B), ("supervision", B)],
        "red": [("supervision", D), ("discipline", D)],
    },
    "VERIFY_RESULT": {
        "yellow": [("section_chief", S), ASSIGNEE],
        "orange": [("supervision", B), ASSIGNEE],
        "red": [("supervision", D), ("discipline", D), ASSIGNEE],
    },
    "DISPOSE": {
        "yellow": [("section_chief", S)],
        "orange": [("subordinate_leader", B)],
        "red": [("subordinate_leader", D), ("discipline", D)],
    },
    "FEEDBACK": {
        "yellow": [("supervision", B)],
        "orange": [("supervision", D)],
        "red": [("supervision", G), ("discipline", G)],
    },
    "CLOSE": {
        "yellow": [("supervision", B)],
        "orange": [("supervision", D)],
        "red": [("supervision", G), ("discipline", G)],
    },
    "REOPEN": {
        "yellow": [("supervision", B), ("discipline", D)],
        "orange": [("supervision", D), ("discipline", D)],
        "red": [("supervision", G), ("discipline", D)],
    },
    "ESCALATE": {
        "yellow": [("section_chief", S), ("supervision", B)],
        "orange": [("subordinate_leader", B), ("supervision", B)],
        "red": [("supervision", D), ("discipline", D)],
    },
    "REPORT_DISCIPLINE": {
        "yellow": [("supervision", B)],
        "orange": [("subordinate_leader", B), ("supervision", B)],
        "red": [("subordinate_leader", B), ("supervision", D)],
    },
}


@dataclass(frozen=True)
class User:
    user_name: str
    officer_id: str | None
    display_name: str | None
    unit_code: str
    unit_level: str
    roles: tuple[str, ...]

    @property
    def only_officer(self) -> bool:
        return set(self.roles) <= {"officer"}


def shifted(level: str, shift: int) -> str:
    return LEVELS[min(LEVELS.index(level) + shift, len(LEVELS) - 1)]


def can_see(user: User, alert: dict, in_subtree: bool) -> bool:
    if not in_subtree:
        return False
    if alert.get("officer_id") and alert["officer_id"] == user.officer_id:
        return False  # never one's own alert
    if user.only_officer:
        return bool(user.officer_id) and alert.get("assignee_officer_id") == user.officer_id
    return True


def check_visible(user: User, alert: dict, in_subtree: bool) -> None:
    if alert.get("officer_id") and alert["officer_id"] == user.officer_id:
        raise NotVisible("预警涉及本人,不能查看或处置 — an officer never sees or disposes an alert charged to himself")
    if not can_see(user, alert, in_subtree):
        raise NotVisible(
            f"预警 {alert['alert_id']} 不在您的管辖范围 ({user.unit_code}) — outside your organisation subtree",
            alert_id=alert["alert_id"],
        )


def acting_role(user: User, alert: dict, action: str) -> str:
    """The role in which `user` may perform `action` on `alert`, or NotPermitted naming who may."""
    rules = MATRIX[action][alert["severity"]]
    shift = int(alert.get("level_shift") or 0)
    user_rank = LEVELS.index(user.unit_level) if user.unit_level in LEVELS else -1
    for role, level in rules:
        if (role, level) == ASSIGNEE:
            if user.officer_id and alert.get("assignee_officer_id") == user.officer_id:
                return "officer"
            continue
        if role in user.roles and user_rank >= LEVELS.index(shifted(level, shift)):
            return role
    who = "、".join(
        "指定核查人 the designated verifier"
        if rule == ASSIGNEE
        else f"{LEVEL_ZH[shifted(rule[1], shift)]}{ROLE_ZH[rule[0]]} ({rule[0]}@{shifted(rule[1], shift)})"
        for rule in rules
    )
    raise NotPermitted(
        f"{COLOUR_ZH[alert['severity']]}预警的“{ACTION_ZH[action]}”由 {who} 执行 — you may not {action} this alert",
        action=action,
    )


def permitted_actions(user: User, alert: dict, candidates: list[str]) -> list[str]:
    out = []
    for action in candidates:
        try:
            acting_role(user, alert, action)
        except NotPermitted:
            continue
        out.append(action)
    return out


def can_escalate_further(alert: dict) -> bool:
    """Escalation changes something: a colour below red, or levels of a red alert not yet at the top."""
    if alert["severity"] != "red":
        return True
    shift = int(alert.get("level_shift") or 0)
    return any(
        shifted(level, shift + 1) != shifted(level, shift)
        for rules in MATRIX.values()
        for role, level in rules["red"]
        if (role, level) != ASSIGNEE
    )
