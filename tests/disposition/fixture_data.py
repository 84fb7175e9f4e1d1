"""A small, hand-written world for the disposition tests (own database, so the nightly's warehouse is untouched).

    GACC 海关总署
    └─ 5200 黄埔海关 (DIRECT)
       ├─ 5201 新港海关 (SUBORDINATE)
       │  ├─ 5201-01 通关科   officers 520100001, 520100002; chief 520100003
       │  ├─ 5201-02 查验科   officer 520100010; chief 520100011
       │  └─ 5201-05 监察室   supervision 520100050; leader 520100099 sits here too
       └─ 5202 黄埔老港 (SUBORDINATE)
          └─ 5202-01 通关科   officer 520200001; chief 520200002

Calendar (the 2026 National Day arrangement): 1–7 Oct holidays; Sun 27 Sep and Sat 10 Oct are make-up working days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import psycopg
from psycopg.types.json import Jsonb

from customs_risk.disposition.workdays import TZ

BIZ_DATE = date(2026, 9, 29)  # a Tuesday
ISSUED_AT = datetime(2026, 9, 30, 9, 0, tzinfo=TZ)  # Wednesday before the National Day holidays
HOLIDAYS = {date(2026, 10, d) for d in range(1, 8)}
MAKE_UP_DAYS = {date(2026, 9, 27), date(2026, 10, 10)}
CAL_FROM, CAL_TO = date(2026, 9, 1), date(2026, 11, 30)

UNITS = [
    ("GACC", "海关总署", "GACC", None, "general"),
    ("5200", "黄埔海关", "DIRECT", "GACC", "general"),
    ("5201", "新港海关", "SUBORDINATE", "5200", "general"),
    ("5201-01", "新港海关通关科", "SECTION", "5201", "clearance"),
    ("5201-02", "新港海关查验科", "SECTION", "5201", "clearance"),
    ("5201-05", "新港海关监察室", "SECTION", "5201", "supervision"),
    ("5202", "黄埔老港海关", "SUBORDINATE", "5200", "general"),
    ("5202-01", "黄埔老港海关通关科", "SECTION", "5202", "clearance"),
]
OFFICERS = [
    ("520100001", "王伟", "5201-01", "officer"),
    ("520100002", "李娜", "5201-01", "officer"),
    ("520100003", "张科", "5201-01", "section_chief"),
    ("520100010", "刘强", "5201-02", "officer"),
    ("520100011", "陈科", "5201-02", "section_chief"),
    ("520100050", "杨监", "5201-05", "officer"),
    ("520100099", "赵关", "5201-05", "director"),
    ("520200001", "吴敏", "5202-01", "officer"),
    ("520200002", "周科", "5202-01", "section_chief"),
    ("520000001", "徐督", "5201-05", "officer"),
    ("100000001", "孙纪", "5201-05", "officer"),
]
# user, officer, unit (root of the subtree overseen), roles
USERS = [
    ("chief01", "520100003", "5201-01", ["section_chief"]),
    ("chief02", "520100011", "5201-02", ["section_chief"]),
    ("chief_other", "520200002", "5202-01", ["section_chief"]),
    ("peer01", "520100002", "5201-01", ["officer"]),
    ("sub_leader", "520100099", "5201", ["subordinate_leader"]),
    ("sub_sup", "520100050", "5201", ["supervision"]),
    ("direct_sup", "520000001", "5200", ["supervision", "discipline"]),
    ("gacc_disc", "100000001", "GACC", ["discipline", "supervision"]),
    ("officer01", "520100001", "5201-01", ["section_chief"]),  # the attributed officer of most alerts
]
PASSWORD = "correct-horse-9"

# key, check, severity, officer, post, section, subordinate, direct, evidence
ALERTS = [
    ("k-yellow", "AP-CLR-003", "yellow", "520100001", "INSPECT", "5201-01", "5201", "5200", {"n_officers": 1}),
    ("k-orange", "AP-CLR-002", "orange", "520100001", "CONTROL", "5201-01", "5201", "5200", {}),
    ("k-red", "AP-CLR-001", "red", "520100001", "RELEASE", "5201-01", "5201", "5200", {}),
    ("k-self", "AP-CLR-003", "yellow", "520100003", "SUPERVISOR", "5201-01", "5201", "5200", {}),
    ("k-other", "AP-CLR-003", "yellow", "520200001", "ACCEPT", "5202-01", "5202", "5200", {}),
    (
        "k-evid",
        "AP-CLR-004",
        "yellow",
        "520100010",
        "INSPECT",
        "5201-02",
        "5201",
        "5200",
        {"assigning_officer_id": "520100011", "nested": {"reviewer_officer_id": "520100002"}},
    ),
    ("k-unit", "MA-CLR-009", "yellow", None, None, None, None, None, {"section_unit_code": "5201-02"}),
]
CHECK_NAMES = {
    "AP-CLR-001": "布控未查验放行",
    "AP-CLR-002": "撤控改控",
    "AP-CLR-003": "查验不足两人",
    "AP-CLR-004": "查验改派",
}


def calendar_rows() -> list[tuple[date, bool, bool]]:
    out, d = [], CAL_FROM
    while d <= CAL_TO:
        holiday = d in HOLIDAYS
        out.append((d, (d.weekday() < 5 or d in MAKE_UP_DAYS) and not holiday, holiday))
        d += timedelta(days=1)
    return out


def build_warehouse(conn: psycopg.Connection) -> None:
    """Create the dbt relations the disposition code reads (as plain tables) and fill them."""
    conn.execute(
        """
        create schema staging;
        create schema marts;
        create table staging.stg_raw__org_unit (
            unit_code text, unit_name_zh text, unit_level text, parent_unit_code text, customs_code text,
            business_line text, valid_from date, valid_to date, record_deleted boolean default false);
        create table staging.stg_raw__officer (
            officer_id text, name_zh text, person_id_hash text, section_unit_code text, title text,
            hire_date date, exit_date date, status text, record_deleted boolean default false);
        create table staging.stg_raw__work_calendar (
            cal_date date, is_workday boolean, is_holiday boolean, record_deleted boolean default false);
        create table marts.dim_risk_check (check_code text, name_zh text);
        create table marts.fct_alert (
            alert_key text, check_code text, biz_date date, severity text, object_type text, object_id text,
            event_ts timestamptz, enterprise_code text, officer_id text, post_code text, section_unit_code text,
            subordinate_unit_code text, direct_customs_code text, evidence jsonb, params jsonb,
            first_seen_date date);
        """
    )
    with conn.cursor() as cur:
        cur.executemany(
            "insert into staging.stg_raw__org_unit (unit_code, unit_name_zh, unit_level, parent_unit_code,"
            " business_line, valid_from) values (%s, %s, %s, %s, %s, date '2020-01-01')",
            UNITS,
        )
        # a reorganised-away version of 5201-02 that must not win over the current one
        cur.execute(
            "insert into staging.stg_raw__org_unit (unit_code, unit_name_zh, unit_level, parent_unit_code,"
            " business_line, valid_from, valid_to)"
            " values ('5201-02', '旧查验科', 'SECTION', '5202', 'clearance', '2010-01-01', '2019-12-31')"
        )
        cur.executemany(
            "insert into staging.stg_raw__officer (officer_id, name_zh, section_unit_code, title, status,"
            " hire_date) values (%s, %s, %s, %s, 'active', date '2010-01-01')",
            OFFICERS,
        )
        cur.executemany("insert into staging.stg_raw__work_calendar values (%s, %s, %s)", calendar_rows())
        cur.executemany("insert into marts.dim_risk_check values (%s, %s)", list(CHECK_NAMES.items()))
        cur.executemany(
            "insert into marts.fct_alert values (%s, %s, %s, %s, 'ENTRY', %s, %s, '5200100023', %s, %s, %s, %s, %s,"
            " %s, '{}', %s)",
            [
                (
                    key,
                    check,
                    BIZ_DATE,
                    severity,
                    f"OBJ-{key}",
                    datetime(2026, 9, 29, 10, 0, tzinfo=TZ),
                    officer,
                    post,
                    section,
                    sub,
                    direct,
                    Jsonb(evidence),
                    BIZ_DATE,
                )
                for key, check, severity, officer, post, section, sub, direct, evidence in ALERTS
            ],
        )
