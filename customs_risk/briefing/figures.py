"""The figures of one briefing, read from the marts, the disposition record and the validation results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import psycopg
from psycopg.rows import dict_row

from customs_risk.disposition.vocab import STATUSES, TERMINAL

OPEN_STATUSES = [s for s in STATUSES if s not in TERMINAL and s != "CLOSED"]


@dataclass
class Briefing:
    biz_date: date
    scope_code: str | None  # a directly-affiliated customs, or None for GACC (every district)
    scope_name: str
    with_officer_names: bool
    by_severity: dict[str, int] = field(default_factory=dict)
    by_unit_line: list[dict] = field(default_factory=list)  # red and orange, per unit × business line
    top_alerts: list[dict] = field(default_factory=list)
    overdue: list[dict] = field(default_factory=list)  # open dispositions past their deadline, per unit
    validation_warnings: list[dict] = field(default_factory=list)  # the first few
    validation_warning_count: int = 0
    week: list[dict] = field(default_factory=list)  # the last 7 business days × severity

    @property
    def red_orange_total(self) -> int:
        return self.by_severity.get("red", 0) + self.by_severity.get("orange", 0)


def _scope(column: str, scope_code: str | None) -> tuple[str, dict]:
    return ("true", {}) if scope_code is None else (f"{column} = %(scope)s", {"scope": scope_code})


def collect(conn: psycopg.Connection, biz_date: date, scope_code: str | None, with_officer_names: bool) -> Briefing:
    cur = conn.cursor(row_factory=dict_row)
    scope_name = "海关总署 GACC"
    if scope_code is not None:
        row = cur.execute("select unit_name_zh from marts.dim_org_unit where unit_code = %s", (scope_code,)).fetchone()
        scope_name = row["unit_name_zh"] if row else scope_code
    b = Briefing(biz_date, scope_code, scope_name, with_officer_names)
    where, params = _scope("direct_customs_code", scope_code)
    params = {**params, "day": biz_date, "open": OPEN_STATUSES}

    b.by_severity = {
        r["severity"]: r["n"]
        for r in cur.execute(
            f"""select severity, count(*) as n from marts.rpt_alert_detail
                where biz_date = %(day)s and {where} group by 1""",
            params,
        )
    }
    b.by_unit_line = cur.execute(
        f"""select coalesce(subordinate_unit_name_zh, direct_customs_name_zh, '未归属') as unit,
                   business_line_zh as line,
                   count(*) filter (where severity = 'red') as red,
                   count(*) filter (where severity = 'orange') as orange
            from marts.rpt_alert_detail
            where biz_date = %(day)s and severity in ('red', 'orange') and {where}
            group by 1, 2 order by red desc, orange desc, 1, 2 limit 10""",
        params,
    ).fetchall()
    b.top_alerts = cur.execute(
        f"""select severity_zh, check_code, check_name_zh,
                   coalesce(subordinate_unit_name_zh, direct_customs_name_zh, '未归属') as unit,
                   coalesce(section_name_zh, '') as section, coalesce(enterprise_name_zh, '') as enterprise,
                   coalesce(officer_name_zh, '') as officer
            from marts.rpt_alert_detail
            where biz_date = %(day)s and severity in ('red', 'orange') and {where}
            order by severity = 'red' desc, check_code, object_id limit 8""",
        params,
    ).fetchall()
    has_hl = cur.execute("select to_regclass('hl.alert_state') is not null as ok").fetchone()["ok"]
    if has_hl:
        b.overdue = cur.execute(
            f"""select coalesce(unit.unit_name_zh, s.charged_unit_code, '未归属') as unit, s.severity,
                       count(*) as n, min(s.due_ts) as oldest_due
                from hl.alert_state as s left join marts.dim_org_unit as unit on unit.unit_code = s.charged_unit_code
                where s.status = any(%(open)s) and s.due_ts < ((%(day)s::date + 1)::timestamp
                      at time zone 'Asia/Shanghai') and {_scope("s.direct_customs_code", scope_code)[0]}
                group by 1, 2 order by n desc, 1""",
            params,
        ).fetchall()
    b.validation_warnings = cur.execute(
        """select suite, expectation, coalesce(column_name, '') as column_name, coalesce(unexpected_count, 0) as n
           from raw._validation_result
           where biz_date = %(day)s and not success order by severity, suite, expectation limit 5""",
        params,
    ).fetchall()
    b.validation_warning_count = cur.execute(
        "select count(*) as n from raw._validation_result where biz_date = %(day)s and not success", params
    ).fetchone()["n"]
    b.week = cur.execute(
        f"""select biz_date, severity, sum(n_alerts)::int as n from marts.rpt_alert_daily
            where biz_date > %(day)s::date - 7 and biz_date <= %(day)s and {where}
            group by 1, 2 order by 1, 2""",
        params,
    ).fetchall()
    return b


def week_days(biz_date: date) -> list[date]:
    return [biz_date - timedelta(days=i) for i in range(6, -1, -1)]
