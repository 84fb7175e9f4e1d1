"""One case action, checked against every rule before it is appended: the web workbench, the CLI and the bulk
import all come through `perform`, so the rules live in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import psycopg

from customs_risk.disposition import store
from customs_risk.disposition.deadlines import step_due
from customs_risk.disposition.errors import ConcurrentChange, IllegalTransition, InvalidInput, UnknownAlert
from customs_risk.disposition.escalation import escalate
from customs_risk.disposition.measures import check_measure
from customs_risk.disposition.permissions import User, acting_role, check_visible
from customs_risk.disposition.transitions import PENDING_STEP, next_status
from customs_risk.disposition.vocab import ACTION_ZH, CONCLUSIONS, MEASURES, NOTE_MAX, USER_ACTIONS
from customs_risk.disposition.workdays import TZ, WorkCalendar

# fields each action takes besides note and document_refs
FIELDS = {"ASSIGN_VERIFY": {"assignee_officer_id"}, "VERIFY_RESULT": {"conclusion"}, "DISPOSE": {"disposal_measure"}}
NOTE_REQUIRED = {"REOPEN", "ESCALATE"}
MAX_REFS, REF_MAX = 20, 200
_OFFICER_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


@dataclass(frozen=True)
class Request:
    """What a user asks for; validated by `validate` before the database is touched."""

    action: str
    conclusion: str | None = None
    disposal_measure: str | None = None
    assignee_officer_id: str | None = None
    note: str | None = None
    document_refs: tuple[str, ...] = field(default_factory=tuple)
    expected_seq: int | None = None  # the last_seq the user saw; a later change → ConcurrentChange


def validate(req: Request) -> Request:
    action = (req.action or "").strip().upper()
    if action not in USER_ACTIONS:
        raise InvalidInput(f"未知操作 unknown action {req.action!r}; one of {', '.join(USER_ACTIONS)}")
    note = (req.note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise InvalidInput(f"说明过长 note is {len(note)} characters; at most {NOTE_MAX}", field="note")
    refs = tuple(r.strip() for r in req.document_refs if r and r.strip())
    if len(refs) > MAX_REFS or any(len(r) > REF_MAX for r in refs):
        raise InvalidInput(f"文书编号过多或过长 at most {MAX_REFS} document refs of {REF_MAX} characters each")
    given = {
        name for name in ("conclusion", "disposal_measure", "assignee_officer_id") if (getattr(req, name) or "").strip()
    }
    extra = given - FIELDS.get(action, set())
    if extra:
        raise InvalidInput(f"{action}({ACTION_ZH[action]}) 不接受字段 does not take: {', '.join(sorted(extra))}")
    missing = sorted(FIELDS.get(action, set()) - given)
    if missing:
        raise InvalidInput(f"{action}({ACTION_ZH[action]}) 缺少必填字段 needs {', '.join(missing)}", field=missing[0])
    conclusion = (req.conclusion or "").strip().upper() or None
    if conclusion is not None and conclusion not in CONCLUSIONS:
        raise InvalidInput(f"未知核查结论 unknown conclusion {req.conclusion!r}; one of {', '.join(CONCLUSIONS)}")
    assignee = (req.assignee_officer_id or "").strip() or None
    if assignee is not None and not _OFFICER_ID.match(assignee):
        raise InvalidInput(f"关员号格式错误 malformed officer id {assignee!r}", field="assignee_officer_id")
    if action in NOTE_REQUIRED and not note:
        raise InvalidInput(f"{action}({ACTION_ZH[action]}) 须填写理由 needs a note giving the reason", field="note")
    if conclusion == "JUSTIFIED" and not refs:
        raise InvalidInput(
            "合理例外须附文书编号(如审批号) — JUSTIFIED needs a document reference such as an approval no."
        )
    if action == "FEEDBACK" and not (note or refs):
        raise InvalidInput("整改反馈须附说明或证明材料编号 — FEEDBACK needs a note or evidence document refs")
    measure = (req.disposal_measure or "").strip().upper() or None
    if measure is not None and measure not in MEASURES:
        raise InvalidInput(
            f"未知处置措施 unknown disposal measure {req.disposal_measure!r}; one of {', '.join(MEASURES)}"
        )
    return Request(action, conclusion, measure, assignee, note, refs, req.expected_seq)


def visible_alert(conn: psycopg.Connection, user: User, alert_id: int) -> dict:
    """The alert's current state, if it exists and `user` may see it (else UnknownAlert / NotVisible)."""
    alert = store.get_alert(conn, alert_id)
    if alert is None:
        raise UnknownAlert(f"预警 {alert_id} 不存在 — no alert {alert_id}", alert_id=alert_id)
    check_visible(user, alert, store.in_subtree(conn, user.unit_code, alert["charged_unit_code"]))
    return alert


def perform(
    conn: psycopg.Connection, user: User, alert_id: int, request: Request, *, now: datetime | None = None
) -> dict:
    """Check visibility, transition, role, measure and fields; append the action; return the alert's new state."""
    req = validate(request)
    now = now or datetime.now(TZ)
    with conn.transaction():
        alert = visible_alert(conn, user, alert_id)
        if req.expected_seq is not None and req.expected_seq != alert["last_seq"]:
            raise ConcurrentChange(
                f"预警 {alert_id} 已被他人更新,请刷新后重试 — the alert changed since you loaded it", alert_id=alert_id
            )
        next_status(alert["status"], req.action, req.conclusion)
        role = acting_role(user, alert, req.action)
        _check_specifics(conn, alert, req)
        calendar = WorkCalendar.load(conn)
        deadline = _due_against(alert, req.action)
        if req.action == "ESCALATE":
            escalate(
                conn,
                alert,
                ts=now,
                calendar=calendar,
                reason="MANUAL",
                actor_user=user.user_name,
                actor_role=role,
                actor_officer_id=user.officer_id,
                note=req.note,
                document_refs=req.document_refs,
            )
        else:
            store.append_action(
                conn,
                alert_id=alert_id,
                after_seq=alert["last_seq"],
                action=req.action,
                actor_user=user.user_name,
                actor_role=role,
                actor_officer_id=user.officer_id,
                ts=now,
                deadline_ts=deadline,
                next_deadline_ts=_next_due(calendar, alert, req, now),
                conclusion=req.conclusion,
                disposal_measure=req.disposal_measure,
                assignee_officer_id=req.assignee_officer_id,
                note=req.note,
                document_refs=req.document_refs,
            )
        return store.get_alert(conn, alert_id)


def _check_specifics(conn: psycopg.Connection, alert: dict, req: Request) -> None:
    if req.action == "DISPOSE":
        check_measure(alert["severity"], req.disposal_measure)
    elif req.action == "ASSIGN_VERIFY":
        assignee = req.assignee_officer_id
        if assignee == alert["officer_id"] or assignee in _officers_in(alert["evidence"]):
            raise InvalidInput(
                f"不能指派被预警人或证据涉及的关员 {assignee} 核查"
                " — the verifier must not be an officer the alert concerns",
                field="assignee_officer_id",
            )
        if not store.officer_exists(conn, assignee):
            raise InvalidInput(f"关员 {assignee} 不存在 — unknown officer", field="assignee_officer_id")
    elif req.action == "REPORT_DISCIPLINE" and alert["reported_ts"] is not None:
        raise IllegalTransition(f"预警 {alert['alert_id']} 已于 {alert['reported_ts']:%Y-%m-%d %H:%M} 报纪检监察")


def _officers_in(evidence: object) -> set[str]:
    """Officer ids named in the evidence: the values of every key ending in officer_id (nested too)."""
    found: set[str] = set()
    if isinstance(evidence, dict):
        for key, value in evidence.items():
            if key.endswith("officer_id") and isinstance(value, str):
                found.add(value)
            elif key.endswith("officer_ids") and isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
            else:
                found |= _officers_in(value)
    elif isinstance(evidence, list):
        for value in evidence:
            found |= _officers_in(value)
    return found


def _due_against(alert: dict, action: str) -> datetime | None:
    if action == "REPORT_DISCIPLINE":
        return alert["report_due_ts"]
    return alert["due_ts"] if PENDING_STEP.get(alert["status"]) == action else None


def _next_due(calendar: WorkCalendar, alert: dict, req: Request, now: datetime) -> datetime | None:
    severity = alert["severity"]
    match req.action:
        case "ACK":
            return alert["verify_due_ts"] or step_due(calendar, "VERIFY_RESULT", severity, alert["issued_ts"])
        case "ASSIGN_VERIFY":
            return alert["due_ts"]
        case "VERIFY_RESULT":
            return step_due(calendar, "DISPOSE", severity, now) if req.conclusion == "CONFIRMED" else None
        case "DISPOSE":
            return step_due(calendar, "FEEDBACK", severity, now)
        case "REOPEN":
            return step_due(calendar, "VERIFY_RESULT", severity, now)
        case "REPORT_DISCIPLINE":
            return alert["due_ts"]
    return None
