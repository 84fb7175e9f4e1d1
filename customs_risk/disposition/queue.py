"""A user's queue: the alerts in their organisation subtree, never their own, filtered; one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import psycopg
from psycopg.rows import dict_row

from customs_risk.disposition.errors import InvalidInput
from customs_risk.disposition.permissions import User
from customs_risk.disposition.vocab import COLOURS, STATUSES

OPEN_WORK = ("OPEN", "ACKED", "VERIFYING", "CONFIRMED", "CLEARED", "DISPOSED", "FEEDBACK_RECEIVED")
MAX_ROWS = 5000


@dataclass(frozen=True)
class Filters:
    statuses: tuple[str, ...] = ()  # empty: every status
    severities: tuple[str, ...] = ()
    check_code: str | None = None
    biz_date_from: date | None = None
    biz_date_to: date | None = None
    overdue_only: bool = False
    text: str | None = None  # object id, enterprise, officer id or check code, substring
    limit: int = 500

    def validated(self) -> Filters:
        bad = [s for s in self.statuses if s not in STATUSES]
        if bad:
            raise InvalidInput(f"未知状态 unknown status {bad}; one of {', '.join(STATUSES)}")
        bad = [s for s in self.severities if s not in COLOURS]
        if bad:
            raise InvalidInput(f"未知等级 unknown severity {bad}; one of {', '.join(COLOURS)}")
        if not 1 <= self.limit <= MAX_ROWS:
            raise InvalidInput(f"limit must be between 1 and {MAX_ROWS}")
        if self.text is not None and len(self.text) > 100:
            raise InvalidInput("搜索词过长 search text is longer than 100 characters")
        return self


def list_alerts(conn: psycopg.Connection, user: User, filters: Filters = Filters()) -> list[dict]:
    f = filters.validated()
    params = {
        "unit": user.unit_code,
        "officer": user.officer_id,
        "only_officer": user.only_officer,
        "statuses": list(f.statuses) or None,
        "severities": list(f.severities) or None,
        "check_code": f.check_code or None,
        "date_from": f.biz_date_from,
        "date_to": f.biz_date_to,
        "overdue": f.overdue_only,
        "text": f"%{f.text.strip()}%" if f.text and f.text.strip() else None,
        "limit": f.limit,
    }
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(_QUERY, params).fetchall()


_QUERY = """
select
    s.*,
    s.due_ts is not null and s.due_ts < now() as overdue,
    officer.name_zh as officer_name,
    assignee.name_zh as assignee_name,
    unit.unit_name_zh as charged_unit_name
from hl.alert_state as s
left join hl.officer as officer on officer.officer_id = s.officer_id
left join hl.officer as assignee on assignee.officer_id = s.assignee_officer_id
left join hl.org_unit as unit on unit.unit_code = s.charged_unit_code
where
    s.charged_unit_code in (select hl.unit_subtree(%(unit)s))
    and (s.officer_id is null or s.officer_id is distinct from %(officer)s)
    and (not %(only_officer)s or s.assignee_officer_id = %(officer)s)
    and (%(statuses)s::text[] is null or s.status = any(%(statuses)s::text[]))
    and (%(severities)s::text[] is null or s.severity = any(%(severities)s::text[]))
    and (%(check_code)s::text is null or s.check_code = %(check_code)s::text)
    and (%(date_from)s::date is null or s.biz_date >= %(date_from)s::date)
    and (%(date_to)s::date is null or s.biz_date <= %(date_to)s::date)
    and (not %(overdue)s or (s.due_ts is not null and s.due_ts < now()))
    and (
        %(text)s::text is null
        or s.object_id ilike %(text)s::text
        or s.enterprise_code ilike %(text)s::text
        or s.officer_id ilike %(text)s::text
        or s.check_code ilike %(text)s::text
    )
order by s.due_ts asc nulls last, s.alert_id asc
limit %(limit)s
"""
