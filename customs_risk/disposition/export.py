"""Export a list of alerts to CSV (UTF-8 with BOM, so Excel opens the Chinese right) or Excel (openpyxl).

The header is `中文(key)`: readable by people, and `bulk_import` reads the key back out of the brackets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime

from customs_risk.disposition.vocab import COLOUR_ZH, CONCLUSION_ZH, MEASURE_ZH, STATUS_ZH
from customs_risk.disposition.workdays import TZ, show_deadline

COLUMNS: list[tuple[str, str]] = [
    ("alert_id", "预警编号"),
    ("check_code", "检查代码"),
    ("check_name_zh", "检查名称"),
    ("biz_date", "业务日期"),
    ("severity", "预警等级"),
    ("status", "状态"),
    ("object_type", "对象类型"),
    ("object_id", "对象编号"),
    ("enterprise_code", "企业代码"),
    ("officer_id", "关员号"),
    ("officer_name", "关员姓名"),
    ("post_code", "岗位"),
    ("charged_unit_code", "责任单位"),
    ("charged_unit_name", "责任单位名称"),
    ("subordinate_unit_code", "隶属海关"),
    ("direct_customs_code", "直属海关"),
    ("assignee_officer_id", "核查人"),
    ("conclusion", "核查结论"),
    ("disposal_measure", "处置措施"),
    ("due_ts", "当前期限"),
    ("overdue", "是否超期"),
    ("issued_ts", "下发时间"),
    ("last_action_ts", "最近操作时间"),
    ("parent_alert_id", "升级自"),
]
_DEADLINES = {"due_ts"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LABELS = {"severity": COLOUR_ZH, "status": STATUS_ZH, "conclusion": CONCLUSION_ZH, "disposal_measure": MEASURE_ZH}


def header() -> list[str]:
    return [f"{zh}({key})" for key, zh in COLUMNS]


def _cell(key: str, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return show_deadline(value) if key in _DEADLINES else value.astimezone(TZ).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if key in _LABELS:
        return f"{value} {_LABELS[key].get(value, '')}".strip()
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value  # never let a cell be read as a spreadsheet formula
    return value


def rows_of(alerts: Iterable[dict]) -> Iterable[list[object]]:
    for alert in alerts:
        yield [_cell(key, alert.get(key)) for key, _ in COLUMNS]


def to_csv(alerts: Iterable[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows_of(alerts))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(alerts: Iterable[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "预警清单"
    ws.append(header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows_of(alerts):
        ws.append([str(v) if isinstance(v, str) else v for v in row])
    ws.freeze_panes = "A2"
    for i, (key, zh) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, min(40, len(zh) * 2 + len(key)))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
