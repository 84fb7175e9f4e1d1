"""The `dispose` CLI, the bulk CSV import (all rows or none) and the CSV/Excel export."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from customs_risk.disposition import bulk_import, export, queue
from customs_risk.disposition.cli import app as dispose_app
from tests.disposition import fixture_data as fx

pytestmark = pytest.mark.integration


@pytest.fixture
def cli(owner, dispo_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", dispo_url)
    monkeypatch.setenv("CR_DISPOSE_PASSWORD", fx.PASSWORD)
    monkeypatch.delenv("CR_HL_APP_URL", raising=False)
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(dispose_app, list(args), catch_exceptions=False)

    return run


def _status(owner, alert_id):
    return owner.execute("select status from hl.alert_state where alert_id = %s", (alert_id,)).fetchone()[0]


def _log_size(owner):
    return owner.execute("select count(*) from hl.alert_action").fetchone()[0]


# --- bulk import ---------------------------------------------------------------------------------------------
def test_bulk_import_applies_every_row_in_order(app, owner, who, alert_ids):
    a, b = alert_ids["k-yellow"], alert_ids["k-orange"]
    text = (
        "预警编号(alert_id),action,assignee_officer_id,conclusion,note,document_refs\n"
        f"{a},ACK,,,,\n"
        f"{a},ASSIGN_VERIFY,520100002,,,\n"
        f"{a},VERIFY_RESULT,,JUSTIFIED,有审批,审批-2026-01;附件2\n"
    )
    rows = bulk_import.parse(text.encode("utf-8-sig"))
    assert rows[2].request.document_refs == ("审批-2026-01", "附件2")
    assert bulk_import.apply(app, who["chief01"], rows) == 3
    assert _status(owner, a) == "CLEARED" and _status(owner, b) == "OPEN"


def test_one_bad_row_rejects_the_whole_file(app, owner, who, alert_ids):
    a, b = alert_ids["k-yellow"], alert_ids["k-orange"]
    before = _log_size(owner)
    text = (
        "alert_id,action,disposal_measure,note\n"
        f"{a},ACK,,\n"  # fine
        f"{b},ACK,,\n"  # an orange is acknowledged by the subordinate leader, not a section chief
        f"{a},DISPOSE,REMIND_TALK,\n"  # not confirmed yet
        f"{alert_ids['k-red']},ACK,,{'x' * 2001}\n"  # oversized note
    )
    with pytest.raises(bulk_import.ImportRejected) as err:
        bulk_import.apply(app, who["chief01"], bulk_import.parse(text))
    lines = [line for line, _ in err.value.problems]
    assert lines == [3, 4, 5]
    reasons = dict(err.value.problems)
    assert "subordinate" in reasons[3] and "ACKED" in reasons[4] and "2000" in reasons[5]
    assert _log_size(owner) == before and _status(owner, a) == "OPEN"  # row 2 was not applied either


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("alert_id,action,colour\n1,ACK,red\n", "unknown columns"),
        ("action\nACK\n", "missing columns"),
        ("alert_id,action\nseven,ACK\n", "whole number"),
        ("alert_id,action\n1,ACK,extra\n", "wrong number of fields"),
        ("", "empty"),
    ],
)
def test_malformed_files_are_rejected_before_anything_runs(text, fragment):
    with pytest.raises(bulk_import.ImportRejected, match=fragment):
        bulk_import.parse(text)


# --- export --------------------------------------------------------------------------------------------------
def test_csv_and_excel_export_the_filtered_list(app, who):
    rows = queue.list_alerts(app, who["sub_sup"], queue.Filters(severities=("yellow",)))
    keys = {r["object_id"] for r in rows}
    assert keys == {"OBJ-k-yellow", "OBJ-k-self", "OBJ-k-evid", "OBJ-k-unit"}

    parsed = list(csv.reader(io.StringIO(export.to_csv(rows).decode("utf-8-sig"))))
    assert parsed[0][0] == "预警编号(alert_id)" and parsed[0] == export.header()
    col = {h: i for i, h in enumerate(parsed[0])}
    body = {r[col["对象编号(object_id)"]]: r for r in parsed[1:]}
    assert set(body) == keys
    yellow = body["OBJ-k-yellow"]
    assert yellow[col["预警等级(severity)"]] == "yellow 黄色"
    assert yellow[col["状态(status)"]] == "OPEN 待签收"
    assert yellow[col["检查名称(check_name_zh)"]] == "查验不足两人"
    assert yellow[col["当前期限(due_ts)"]] == "2026-10-08 24:00"

    sheet = load_workbook(io.BytesIO(export.to_xlsx(rows))).active
    values = list(sheet.values)
    assert list(values[0]) == export.header() and len(values) == 1 + len(rows)
    assert {v[col["对象编号(object_id)"]] for v in values[1:]} == keys
    assert {v[col["关员号(officer_id)"]] for v in values[1:]} >= {"520100001", "520100003"}


def test_export_never_writes_a_formula():
    data = export.to_csv([{"alert_id": 1, "object_id": '=HYPERLINK("x")', "severity": "red"}])
    assert "'=HYPERLINK" in data.decode("utf-8-sig")


# --- the CLI -------------------------------------------------------------------------------------------------
def test_cli_works_a_case_and_is_audited(cli, owner, alert_ids, tmp_path):
    a = str(alert_ids["k-yellow"])
    listed = cli("--user", "chief01", "list")
    assert listed.exit_code == 0 and "OBJ-k-yellow" in listed.output and "OBJ-k-self" not in listed.output
    assert cli("--user", "chief01", "ack", a).exit_code == 0
    assert cli("--user", "chief01", "assign", a, "--verifier", "520100002").exit_code == 0
    assert cli("--user", "peer01", "verify", a, "-c", "CONFIRMED", "-n", "属实").exit_code == 0
    weak = cli("--user", "chief01", "decide", a, "--measure", "NONE")
    assert weak.exit_code == 1 and "REMIND_TALK" in weak.output
    assert cli("--user", "chief01", "decide", a, "--measure", "REMIND_TALK").exit_code == 0
    shown = cli("--user", "sub_sup", "show", a)
    assert "DISPOSE" in shown.output and "FEEDBACK" in shown.output.split("next:")[1]
    assert _status(owner, alert_ids["k-yellow"]) == "DISPOSED"

    out = tmp_path / "list.xlsx"
    assert cli("--user", "sub_sup", "export", "--format", "xlsx", "-o", str(out), "--severity", "red").exit_code == 0
    sheet = list(load_workbook(out).active.values)
    assert len(sheet) == 2 and sheet[1][0] == alert_ids["k-red"]

    audited = owner.execute(
        "select user_name, path, status_code from hl.request_audit where channel = 'cli' order by audit_id"
    ).fetchall()
    assert ("chief01", "dispose decide", 1) in audited and ("chief01", "dispose decide", 0) in audited
    assert ("sub_sup", "dispose export", 0) in audited and len(audited) == 8


def test_cli_refuses_a_wrong_password_and_audits_it(cli, owner, monkeypatch, alert_ids):
    monkeypatch.setenv("CR_DISPOSE_PASSWORD", "wrong-password")
    result = cli("--user", "chief01", "ack", str(alert_ids["k-yellow"]))
    assert result.exit_code == 1 and "wrong user name or password" in result.output
    row = owner.execute("select user_name, detail ->> 'error' from hl.request_audit").fetchone()
    assert row == ("chief01", "authentication_failed")


def test_cli_bulk_import_rejects_then_applies(cli, owner, alert_ids, tmp_path):
    a = alert_ids["k-yellow"]
    bad = tmp_path / "bad.csv"
    bad.write_text(f"alert_id,action,conclusion\n{a},ACK,\n{a},VERIFY_RESULT,PERHAPS\n", encoding="utf-8")
    result = cli("--user", "chief01", "import", str(bad))
    assert result.exit_code == 1 and "line 3" in result.output and "unknown conclusion" in result.output
    assert _status(owner, a) == "OPEN"
    good = tmp_path / "good.csv"
    good.write_text(f"alert_id,action,assignee_officer_id\n{a},ACK,\n{a},ASSIGN_VERIFY,520100002\n", encoding="utf-8")
    assert cli("--user", "chief01", "import", str(good), "--dry-run").exit_code == 0
    assert _status(owner, a) == "OPEN"
    assert cli("--user", "chief01", "import", str(good)).exit_code == 0
    assert _status(owner, a) == "VERIFYING"


def test_cli_user_add_creates_a_working_login(cli, owner, monkeypatch):
    monkeypatch.setenv("CR_DISPOSE_NEW_PASSWORD", "a-long-password")
    result = cli("user", "add", "newchief", "--unit", "5201-02", "--role", "section_chief", "--officer", "520100010")
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("CR_DISPOSE_PASSWORD", "a-long-password")
    listed = cli("--user", "newchief", "list")
    assert listed.exit_code == 0 and "OBJ-k-unit" in listed.output and "OBJ-k-evid" not in listed.output  # own
    assert cli("user", "add", "x", "--unit", "NOPE", "--role", "officer").exit_code == 1


def test_demo_users_fill_the_seats_of_the_org_tree(cli, owner):
    result = cli("user", "demo")
    assert result.exit_code == 0, result.output
    created = {
        r[0]
        for r in owner.execute(
            "select user_name from hl.app_user where user_name like any(%s)",
            (["chief-%", "leader-%", "sup-%", "gacc"],),
        )
    }
    # the section chiefs already have accounts (one account per officer), so their seats are skipped
    assert created == {"gacc", "leader-5201", "leader-5202", "sup-5200", "sup-5201", "sup-5202"}
    assert "0 demo users created" in cli("user", "demo").output
