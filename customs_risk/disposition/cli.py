"""`customs-risk dispose`: work alerts from the command line — the same rules as the workbench, audited the same.

Case commands act as a workbench user: --user (or CR_DISPOSE_USER) and the password from CR_DISPOSE_PASSWORD or a
prompt. They connect as the application role hl_app. `user`, `migrate`, `issue` and `escalate-overdue` are
administration and use the owner's connection.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import psycopg
import typer
from rich.console import Console
from rich.table import Table

from customs_risk.disposition import audit, bulk_import, export, queue, service, store, users
from customs_risk.disposition.db import connect_app, owner_url
from customs_risk.disposition.errors import DispositionError
from customs_risk.disposition.permissions import User, permitted_actions
from customs_risk.disposition.transitions import allowed_actions
from customs_risk.disposition.vocab import ACTION_ZH, COLOUR_ZH, MEASURE_ZH, STATUS_ZH
from customs_risk.disposition.workdays import TZ, show_deadline

app = typer.Typer(
    help="风险处置 Work alerts: list, show, ack … close, export, bulk import. Same rules and audit as the workbench.",
    no_args_is_help=True,
    add_completion=False,
)
user_app = typer.Typer(help="Workbench users (administration; owner connection).", no_args_is_help=True)
app.add_typer(user_app, name="user")
console = Console(width=None if sys.stdout.isatty() else 140)

UserOpt = Annotated[str | None, typer.Option("--user", "-u", envvar="CR_DISPOSE_USER", help="Workbench user name.")]
Note = Annotated[str | None, typer.Option("--note", "-n", help="Note, at most 2000 characters.")]
Docs = Annotated[list[str] | None, typer.Option("--doc", "-d", help="Document reference (repeatable).")]
AlertId = Annotated[int, typer.Argument(help="The alert number (预警编号).")]


@app.callback()
def main(ctx: typer.Context, user: UserOpt = None) -> None:
    ctx.obj = {"user": user}


# --- session: authenticate, connect as hl_app, audit ---------------------------------------------------------
@contextmanager
def _session(ctx: typer.Context, command: str, **args: object) -> Iterator[tuple[psycopg.Connection, User]]:
    name = (ctx.obj or {}).get("user")
    if not name:
        _fail("需要 --user (或 CR_DISPOSE_USER) — give the workbench user with --user")
    password = os.environ.get("CR_DISPOSE_PASSWORD") or typer.prompt(f"{name} 的密码 password", hide_input=True)
    started = time.monotonic()
    with connect_app() as conn:
        outcome, detail = 0, {k: v for k, v in args.items() if v not in (None, [], ())}
        try:
            user = users.authenticate(conn, name, password)
            conn.commit()
            yield conn, user
            conn.commit()
        except DispositionError as err:
            conn.rollback()
            outcome, detail["error"] = 1, err.code
            _audit(conn, name, command, outcome, started, detail)
            _fail(err.message)
        except bulk_import.ImportRejected as err:
            conn.rollback()
            outcome, detail["rejected_lines"] = 1, [line for line, _ in err.problems]
            _audit(conn, name, command, outcome, started, detail)
            _fail(str(err))
        _audit(conn, name, command, outcome, started, detail)


def _audit(conn, name, command, outcome, started, detail) -> None:
    audit.record(
        conn,
        channel="cli",
        user_name=name,
        method="CLI",
        path=f"dispose {command}",
        status_code=outcome,
        duration_ms=int((time.monotonic() - started) * 1000),
        detail=json.loads(json.dumps(detail, default=str)),
    )
    conn.commit()


def _fail(message: str) -> None:
    console.print(message, style="red", markup=False, highlight=False)
    raise typer.Exit(1)


# --- reading ------------------------------------------------------------------------------------------------
def _filters(status, severity, check, date_from, date_to, overdue, search, limit) -> queue.Filters:
    return queue.Filters(
        statuses=tuple(s.upper() for s in status or ()),
        severities=tuple(s.lower() for s in severity or ()),
        check_code=check,
        biz_date_from=date.fromisoformat(date_from) if date_from else None,
        biz_date_to=date.fromisoformat(date_to) if date_to else None,
        overdue_only=overdue,
        text=search,
        limit=limit,
    )


Status = Annotated[list[str] | None, typer.Option("--status", "-s", help="Status (repeatable), e.g. OPEN.")]
Severity = Annotated[list[str] | None, typer.Option("--severity", help="yellow, orange or red (repeatable).")]
Check = Annotated[str | None, typer.Option("--check", help="Check code, e.g. AP-CLR-001.")]
From = Annotated[str | None, typer.Option("--from", help="First business date, YYYY-MM-DD.")]
To = Annotated[str | None, typer.Option("--to", help="Last business date, YYYY-MM-DD.")]
Overdue = Annotated[bool, typer.Option("--overdue", help="Only alerts past their current deadline.")]
Search = Annotated[str | None, typer.Option("--search", "-q", help="Object, enterprise, officer or check.")]
Limit = Annotated[int, typer.Option("--limit", help="At most this many rows.")]


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    status: Status = None,
    severity: Severity = None,
    check: Check = None,
    date_from: From = None,
    date_to: To = None,
    overdue: Overdue = False,
    search: Search = None,
    limit: Limit = 200,
) -> None:
    """List the alerts of your organisation subtree (never your own), most urgent first."""
    filters = _filters(status, severity, check, date_from, date_to, overdue, search, limit)
    with _session(ctx, "list", filters=filters.__dict__) as (conn, user):
        rows = queue.list_alerts(conn, user, filters)
    table = Table(
        "编号", "检查", "等级", "状态", "对象", "关员", "单位", "期限", title=f"{user.user_name}: {len(rows)} 条"
    )
    for r in rows:
        due = show_deadline(r["due_ts"])
        table.add_row(
            str(r["alert_id"]),
            r["check_code"],
            COLOUR_ZH[r["severity"]],
            STATUS_ZH.get(r["status"], r["status"]),
            r["object_id"],
            r["officer_id"] or "",
            r["charged_unit_code"] or "",
            f"[red]{due}[/red]" if r["overdue"] else due,
        )
    console.print(table)


@app.command()
def show(ctx: typer.Context, alert_id: AlertId) -> None:
    """An alert's evidence, its history and what you may do next."""
    with _session(ctx, "show", alert_id=alert_id) as (conn, user):
        alert = service.visible_alert(conn, user, alert_id)
        log = store.history(conn, alert_id)
    console.print(
        f"[bold]预警 {alert['alert_id']}[/bold] {alert['check_code']} {alert['check_name_zh'] or ''}"
        f"  {COLOUR_ZH[alert['severity']]}  {STATUS_ZH.get(alert['status'], alert['status'])}"
    )
    console.print(f"对象 {alert['object_type']} {alert['object_id']}  关员 {alert['officer_id'] or '-'}")
    due = show_deadline(alert["due_ts"]) or "-"
    console.print(f"单位 {alert['charged_unit_code']}  业务日期 {alert['biz_date']}  期限 {due}")
    console.print_json(json.dumps(alert["evidence"], ensure_ascii=False, default=str))
    for a in log:
        console.print(
            f"  {a['action_seq']:>2} {a['ts'].astimezone(TZ):%Y-%m-%d %H:%M} {a['action']}({ACTION_ZH[a['action']]})"
            f" {a['actor_user']}/{a['actor_role']} {a['conclusion'] or ''} {a['disposal_measure'] or ''}"
            f" {a['note'] or ''}",
            highlight=False,
        )
    nxt = permitted_actions(user, alert, allowed_actions(alert["status"]))
    console.print("可执行 next: " + (", ".join(nxt) or "—"))


# --- acting -------------------------------------------------------------------------------------------------
def _act(ctx: typer.Context, alert_id: int, request: service.Request) -> None:
    with _session(ctx, ctx.info_name or request.action, alert_id=alert_id, **request.__dict__) as (conn, user):
        state = service.perform(conn, user, alert_id, request)
    console.print(f"预警 {alert_id}: {request.action} → {state['status']} ({STATUS_ZH.get(state['status'])})")


@app.command()
def ack(ctx: typer.Context, alert_id: AlertId, note: Note = None, doc: Docs = None) -> None:
    """签收: acknowledge an alert."""
    _act(ctx, alert_id, service.Request("ACK", note=note, document_refs=tuple(doc or ())))


@app.command()
def assign(
    ctx: typer.Context,
    alert_id: AlertId,
    verifier: Annotated[str, typer.Option("--verifier", help="Officer id of the verifier (never the target).")],
    note: Note = None,
) -> None:
    """指派核查: name the verifier."""
    _act(ctx, alert_id, service.Request("ASSIGN_VERIFY", assignee_officer_id=verifier, note=note))


@app.command()
def verify(
    ctx: typer.Context,
    alert_id: AlertId,
    conclusion: Annotated[str, typer.Option("--conclusion", "-c", help="CONFIRMED, JUSTIFIED or FALSE_POSITIVE.")],
    note: Note = None,
    doc: Docs = None,
) -> None:
    """核查结论: record the verification result (JUSTIFIED needs a --doc such as an approval number)."""
    _act(
        ctx,
        alert_id,
        service.Request("VERIFY_RESULT", conclusion=conclusion, note=note, document_refs=tuple(doc or ())),
    )


@app.command()
def decide(
    ctx: typer.Context,
    alert_id: AlertId,
    measure: Annotated[str, typer.Option("--measure", "-m", help=", ".join(f"{k} {v}" for k, v in MEASURE_ZH.items()))],
    note: Note = None,
    doc: Docs = None,
) -> None:
    """处置决定: the disposal measure (at least the colour's minimum)."""
    _act(ctx, alert_id, service.Request("DISPOSE", disposal_measure=measure, note=note, document_refs=tuple(doc or ())))


@app.command()
def feedback(ctx: typer.Context, alert_id: AlertId, note: Note = None, doc: Docs = None) -> None:
    """整改反馈: rectification done, with evidence."""
    _act(ctx, alert_id, service.Request("FEEDBACK", note=note, document_refs=tuple(doc or ())))


@app.command()
def close(ctx: typer.Context, alert_id: AlertId, note: Note = None) -> None:
    """审核办结: approve and close (one level above the decider)."""
    _act(ctx, alert_id, service.Request("CLOSE", note=note))


@app.command()
def reopen(ctx: typer.Context, alert_id: AlertId, note: Annotated[str, typer.Option("--note", "-n")]) -> None:
    """重新核查: reopen a closed alert for verification (a reason is required)."""
    _act(ctx, alert_id, service.Request("REOPEN", note=note))


@app.command()
def escalate(ctx: typer.Context, alert_id: AlertId, note: Annotated[str, typer.Option("--note", "-n")]) -> None:
    """升级: escalate one colour (red: one level) up; a new linked alert carries on."""
    _act(ctx, alert_id, service.Request("ESCALATE", note=note))


@app.command()
def report(ctx: typer.Context, alert_id: AlertId, note: Note = None, doc: Docs = None) -> None:
    """报纪检监察: record the report to discipline inspection (red: within one working day)."""
    _act(ctx, alert_id, service.Request("REPORT_DISCIPLINE", note=note, document_refs=tuple(doc or ())))


# --- files --------------------------------------------------------------------------------------------------
@app.command("export")
def export_cmd(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or xlsx.")] = "csv",
    status: Status = None,
    severity: Severity = None,
    check: Check = None,
    date_from: From = None,
    date_to: To = None,
    overdue: Overdue = False,
    search: Search = None,
    limit: Limit = queue.MAX_ROWS,
) -> None:
    """Export the filtered list of your subtree to CSV or Excel."""
    if fmt not in ("csv", "xlsx"):
        _fail(f"--format must be csv or xlsx, not {fmt!r}")
    filters = _filters(status, severity, check, date_from, date_to, overdue, search, limit)
    with _session(ctx, "export", format=fmt, output=str(output), filters=filters.__dict__) as (conn, user):
        rows = queue.list_alerts(conn, user, filters)
    output.write_bytes(export.to_csv(rows) if fmt == "csv" else export.to_xlsx(rows))
    console.print(f"{len(rows)} 条预警 → {output}")


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV: alert_id, action, conclusion, disposal_measure, ...", exists=True)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row, apply nothing.")] = False,
) -> None:
    """Apply dispositions in bulk from a CSV: every row or none (bad rows are listed with their line numbers)."""
    with _session(ctx, "import", file=str(file), dry_run=dry_run) as (conn, user):
        rows = bulk_import.parse(file.read_bytes())
        applied = bulk_import.apply(conn, user, rows, dry_run=dry_run)
    outcome = "检查通过(未应用) valid, nothing applied" if dry_run else "已应用 applied"
    console.print(f"{applied} 行 rows {outcome}")


# --- administration (owner) ---------------------------------------------------------------------------------
def _owner() -> psycopg.Connection:
    return psycopg.connect(owner_url(), autocommit=True, options="-c timezone=Asia/Shanghai")


@app.command()
def migrate() -> None:
    """Apply the hl schema migrations (idempotent)."""
    from customs_risk.disposition import schema

    with _owner() as conn:
        applied = schema.migrate(conn)
    console.print(f"applied: {', '.join(applied) or 'nothing (up to date)'}")


@app.command()
def issue(biz_date: Annotated[str, typer.Option("--biz-date", help="Business day, YYYY-MM-DD.")]) -> None:
    """Issue the business day's alerts from marts.fct_alert (what the nightly DAG does)."""
    from customs_risk.disposition.nightly import issue_new_alerts

    with _owner() as conn:
        console.print(f"{issue_new_alerts(conn, biz_date)} alerts issued for {biz_date}")


@app.command("escalate-overdue")
def escalate_overdue_cmd(as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD (end of that day).")]) -> None:
    """Escalate every alert overdue at the end of the given day (what the nightly DAG does)."""
    from customs_risk.disposition.nightly import escalate_overdue

    with _owner() as conn:
        done = escalate_overdue(conn, date.fromisoformat(as_of))
    console.print(f"{len(done)} alerts escalated")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = int(os.environ.get("CR_DISPOSE_PORT", 8765)),
) -> None:
    """Run the workbench on its own uvicorn server (it is also mounted in the Airflow API server at /disposition)."""
    import uvicorn

    from customs_risk.disposition.web.app import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    unit: Annotated[str, typer.Option("--unit", help="Root of the subtree the user oversees.")],
    role: Annotated[list[str], typer.Option("--role", help="Role (repeatable).")],
    officer: Annotated[str | None, typer.Option("--officer", help="The user's officer id.")] = None,
    display_name: Annotated[str | None, typer.Option("--display-name")] = None,
) -> None:
    """Create a workbench user; the password comes from CR_DISPOSE_NEW_PASSWORD or a prompt."""
    password = os.environ.get("CR_DISPOSE_NEW_PASSWORD") or typer.prompt(
        "密码 password", hide_input=True, confirmation_prompt=True
    )
    with _owner() as conn:
        try:
            users.add_user(conn, name, password, unit, role, officer, display_name)
        except DispositionError as err:
            _fail(err.message)
        except psycopg.errors.UniqueViolation:
            _fail(f"用户 {name} 或关员 {officer} 已有账号 — the user name or officer already has an account")
        audit.record(conn, channel="cli", path="dispose user add", method="CLI", detail={"user": name, "unit": unit})
    console.print(f"user {name} created ({unit}, {', '.join(role)})")


@user_app.command("demo")
def user_demo() -> None:
    """Create one user per seat of the org tree for a demo (chief-5204-01, leader-5204, sup-5204, sup-5200, gacc).

    The password is CR_DISPOSE_DEMO_PASSWORD (default demo-disposition): for a loopback demo only.
    """
    password = os.environ.get("CR_DISPOSE_DEMO_PASSWORD", "demo-disposition")
    with _owner() as conn:
        created = users.add_demo_users(conn, password)
        audit.record(conn, channel="cli", path="dispose user demo", method="CLI", detail={"created": created})
    console.print(f"{len(created)} demo users created" + (f": {', '.join(created)}" if created else ""))


@user_app.command("list")
def user_list() -> None:
    """List the workbench users."""
    with _owner() as conn:
        rows = conn.execute(
            "select user_name, officer_id, unit_code, roles, active, created_ts from hl.app_user order by 1"
        ).fetchall()
    table = Table("user", "officer", "unit", "roles", "active", "created")
    for name, officer, unit, roles, active, created in rows:
        table.add_row(name, officer or "", unit, ", ".join(roles), "yes" if active else "no", f"{created:%Y-%m-%d}")
    console.print(table)


watch_app = typer.Typer(
    help="我的关注 My watch: a Superset user's subscriptions (hl.user_watch).", no_args_is_help=True
)
app.add_typer(watch_app, name="watch")
WATCH_SCOPES = ("CHECK", "OFFICER", "ENTERPRISE", "UNIT", "HS")


@watch_app.command("add")
def watch_add(
    user: Annotated[str, typer.Argument(help="Superset login name.")],
    scope: Annotated[str, typer.Option("--scope", help="CHECK, OFFICER, ENTERPRISE, UNIT or HS.")],
    value: Annotated[str | None, typer.Option("--value", help="Officer id, enterprise code, unit, HS prefix.")] = None,
    check: Annotated[str | None, typer.Option("--check", help="Check code (all checks when omitted).")] = None,
) -> None:
    """Subscribe a user to a check, an officer, an enterprise, a unit or an HS prefix (idempotent)."""
    if scope not in WATCH_SCOPES:
        _fail(f"未知范围 unknown scope {scope}; choose from {', '.join(WATCH_SCOPES)}")
    if (scope == "CHECK") != (value is None) or (scope == "CHECK" and check is None):
        _fail("CHECK 范围需要 --check 且不要 --value；其他范围需要 --value — CHECK takes --check only, others --value")
    with _owner() as conn:
        conn.execute(
            """insert into hl.user_watch (user_name, check_code, scope_type, scope_value)
               values (%s, %s, %s, %s) on conflict do nothing""",
            (user, check, scope, value),
        )
        audit.record(conn, channel="cli", path="dispose watch add", method="CLI", detail={"user": user})
    console.print(f"{user} watches {scope} {value or ''} {check or '(all checks)'}")


@watch_app.command("list")
def watch_list(user: Annotated[str | None, typer.Argument(help="Only this user.")] = None) -> None:
    """List the subscriptions."""
    with _owner() as conn:
        rows = conn.execute(
            """select user_name, scope_type, coalesce(scope_value, ''), coalesce(check_code, '*'), created_ts
               from hl.user_watch where %(user)s::text is null or user_name = %(user)s order by 1, 2, 3""",
            {"user": user},
        ).fetchall()
    table = Table("user", "scope", "value", "check", "since")
    for row in rows:
        table.add_row(*(str(x) for x in row))
    console.print(table)
