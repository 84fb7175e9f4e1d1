"""What the workbench accepts: request bodies (pydantic, 422 on anything else) and the list filters."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import QueryParams

from customs_risk.disposition.errors import InvalidInput
from customs_risk.disposition.queue import Filters
from customs_risk.disposition.service import Request as ActionRequest
from customs_risk.disposition.vocab import NOTE_MAX

UserAction = Literal[
    "ACK", "ASSIGN_VERIFY", "VERIFY_RESULT", "DISPOSE", "FEEDBACK", "CLOSE", "REOPEN", "ESCALATE", "REPORT_DISCIPLINE"
]
Conclusion = Literal["CONFIRMED", "JUSTIFIED", "FALSE_POSITIVE"]
Measure = Literal["NONE", "REMIND_TALK", "ADMONISH_TALK", "CORRECT_NOTICE", "REFER_DISCIPLINE", "ORG_HANDLING"]


class ActionFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: UserAction
    conclusion: Conclusion | None = None
    disposal_measure: Measure | None = None
    assignee_officer_id: str | None = Field(None, max_length=20, pattern=r"^[A-Za-z0-9_-]*$")
    note: str | None = Field(None, max_length=NOTE_MAX)
    document_refs: list[str] = Field(default_factory=list, max_length=20)

    def to_request(self, expected_seq: int | None = None) -> ActionRequest:
        return ActionRequest(
            action=self.action,
            conclusion=self.conclusion,
            disposal_measure=self.disposal_measure,
            assignee_officer_id=self.assignee_officer_id or None,
            note=self.note or None,
            document_refs=tuple(self.document_refs),
            expected_seq=expected_seq,
        )


class ActionIn(ActionFields):
    expected_seq: int | None = Field(None, ge=0)


class BulkIn(ActionFields):
    alert_ids: list[int] = Field(min_length=1, max_length=500)


def filters_from(params: QueryParams) -> Filters:
    try:
        return Filters(
            statuses=tuple(s.upper() for s in params.getlist("status") if s),
            severities=tuple(s.lower() for s in params.getlist("severity") if s),
            check_code=params.get("check") or None,
            biz_date_from=_date(params.get("from")),
            biz_date_to=_date(params.get("to")),
            overdue_only=params.get("overdue") in ("1", "true", "on"),
            text=params.get("q") or None,
            limit=int(params.get("limit") or 500),
        ).validated()
    except ValueError as err:
        raise InvalidInput(f"筛选条件有误 bad filter: {err}") from err


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
