"""`customs-risk`: the project's command line (generate, load, validate, run nights, demo, services)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from customs_risk.config import PROJECT_ROOT, Settings
from customs_risk.disposition.cli import app as dispose_app

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="The warehouse database (embedded PostgreSQL unless DATABASE_URL is set).")
contract_app = typer.Typer(help="The extract contract and what is derived from it.")
services_app = typer.Typer(help="The Airflow UI and Superset servers on loopback.")
app.add_typer(db_app, name="db")
app.add_typer(contract_app, name="contract")
app.add_typer(services_app, name="services")
app.add_typer(dispose_app, name="dispose")
console = Console(width=None if sys.stdout.isatty() else 130)

DEMO_DAYS = 3
DEMO_LAST_DAY = date(2026, 11, 20)


def _days(start: date, end: date) -> list[str]:
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


# --- database -----------------------------------------------------------------------------------------------
@db_app.command("start")
def db_start() -> None:
    """Start the embedded PostgreSQL (no-op with DATABASE_URL) and print the warehouse URL."""
    s = Settings.from_env()
    if s.uses_embedded_db:
        from customs_risk.db import embedded

        embedded.start(s.pg_data_dir, s.pg_port)
    console.print(s.database_url)


@db_app.command("stop")
def db_stop() -> None:
    """Stop the embedded PostgreSQL."""
    s = Settings.from_env()
    if s.uses_embedded_db:
        from customs_risk.db import embedded

        console.print("stopped" if embedded.stop(s.pg_data_dir) else "not running")


# --- contract -----------------------------------------------------------------------------------------------
@contract_app.command("sync")
def contract_sync(check: Annotated[bool, typer.Option(help="Only report stale files; exit 1 if any.")] = False):
    """Regenerate the dbt sources and staging models (and the check registry) from the contract."""
    from customs_risk import checks_registry
    from customs_risk.contract import dbt_sync

    if check:
        stale = dbt_sync.stale_files()
        for p in stale:
            console.print(f"stale: {p.relative_to(PROJECT_ROOT)}")
        raise typer.Exit(1 if stale else 0)
    changed = dbt_sync.sync()
    changed_registry = checks_registry.sync()
    console.print(f"{len(changed)} dbt files updated; check registry {'updated' if changed_registry else 'unchanged'}")


@contract_app.command("gx")
def contract_gx() -> None:
    """Rebuild the Great Expectations suites, validation definitions and checkpoint under expectations/."""
    from customs_risk.db import connect
    from customs_risk.ingest.loader import ensure_incoming_tables
    from customs_risk.validation.suites import build

    _export_airflow_env()
    db_start()
    with connect(autocommit=True) as conn:
        ensure_incoming_tables(conn)  # GX reads the tables' shape while it builds the assets
    console.print(f"GX context written to {build()}")


# --- data ---------------------------------------------------------------------------------------------------
@app.command()
def generate(
    start: Annotated[str, typer.Option(help="First business day, YYYY-MM-DD.")] = DEMO_LAST_DAY.isoformat(),
    end: Annotated[str | None, typer.Option(help="Last business day (default: start).")] = None,
    preset: Annotated[str, typer.Option(help="Volume: ci, district or national.")] = "ci",
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same bytes.")] = 42,
    landing: Annotated[Path | None, typer.Option(help="Landing folder (default: state dir).")] = None,
    encoding: Annotated[str, typer.Option(help="utf-8 or gbk.")] = "utf-8",
) -> None:
    """Write synthetic extract days (one folder per day with manifest.json) and their scenario labels."""
    from customs_risk.generator import generate_day

    first, last = date.fromisoformat(start), date.fromisoformat(end or start)
    target = landing or Settings.from_env().landing_dir
    days = _days(first, last)
    with Progress(console=console) as progress:
        bar = progress.add_task(f"generating {len(days)} day(s), preset {preset}", total=len(days))
        for d in days:
            generate_day(date.fromisoformat(d), target, preset, seed, encoding)
            progress.advance(bar)
    console.print(f"extract written under {target}")


@app.command()
def load(day: str) -> None:
    """Load one business day from the landing folder into raw, without the GX gate (replaces that day)."""
    from customs_risk.orchestration.tasks import load_extract, publish_extract

    rows = load_extract(day)
    publish_extract(day)
    console.print(f"{day}: {sum(rows.values()):,} rows in {len(rows)} tables")


@app.command()
def validate(day: str) -> None:
    """Stage one day from the landing folder and run the Great Expectations gate on it (raw is not changed)."""
    from customs_risk.orchestration.tasks import load_extract, validate_extract

    _export_airflow_env()
    validate_extract(day, load_extract(day))


# --- the night ----------------------------------------------------------------------------------------------
@app.command()
def prepare() -> None:
    """Set up what the nightly run needs: database, derived files, Airflow metadata. Idempotent and quick."""
    from customs_risk.disposition.schema import migrate_warehouse

    db_start()
    migrate_warehouse()
    contract_sync(check=False)
    _airflow_db_migrate()
    _load_code_tables()


@app.command()
def nightly(
    start: Annotated[str, typer.Option(help="First business day.")],
    end: Annotated[str | None, typer.Option(help="Last business day (default: start).")] = None,
) -> None:
    """Run the real Airflow DAG (dag.test) for each business day in the range."""
    days = _days(date.fromisoformat(start), date.fromisoformat(end or start))
    _run_nightly(days)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def dbt(ctx: typer.Context) -> None:
    """Run dbt against this project's warehouse: `customs-risk dbt build --select chk_ap_clr_003 --vars ...`."""
    from customs_risk.orchestration.airflow_env import with_airflow_env
    from customs_risk.orchestration.dbt import DBT_PROJECT_DIR

    dbt_bin = Path(sys.executable).parent / "dbt"
    args = [str(dbt_bin), *ctx.args]
    if ctx.args and ctx.args[0] not in ("--help", "--version"):
        args += ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    raise typer.Exit(subprocess.run(args, cwd=DBT_PROJECT_DIR, env=with_airflow_env()).returncode)


@app.command()
def briefing(
    day: Annotated[str, typer.Option("--date", help="Business day.")],
    with_officer_names: Annotated[bool, typer.Option(help="The supervision version, with officer names.")] = False,
) -> None:
    """Write the daily briefing (信息服务) per district and for GACC, HTML and PDF (the nightly DAG does this too)."""
    from customs_risk.briefing.run import write_briefings

    for path in write_briefings(date.fromisoformat(day), with_officer_names):
        console.print(str(path))


@app.command()
def summary(
    start: Annotated[str, typer.Option()],
    end: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Print rows loaded, validation, alerts by severity and scenarios caught per business day."""
    from customs_risk import summary as summary_mod
    from customs_risk.db import connect

    days = _days(date.fromisoformat(start), date.fromisoformat(end or start))
    with connect() as conn:
        console.print(summary_mod.render(summary_mod.summarise(conn, days, Settings.from_env().landing_dir)))


@app.command()
def demo(
    days: Annotated[int, typer.Option(help="How many business days to generate and run.")] = DEMO_DAYS,
    last_day: Annotated[str, typer.Option(help="The last business day.")] = DEMO_LAST_DAY.isoformat(),
    serve: Annotated[bool, typer.Option(help="Start the Airflow UI and Superset afterwards.")] = True,
) -> None:
    """The main job: embedded PostgreSQL, sample extract, nightly DAG per day, dashboards, summary."""
    started = time.monotonic()
    last = date.fromisoformat(last_day)
    first = last - timedelta(days=days - 1)
    console.rule("1/4 set-up")
    prepare()
    _demo_watches()
    console.rule("2/4 sample extract")
    generate(start=first.isoformat(), end=last.isoformat())
    console.rule("3/4 nightly pipeline (Airflow → GX → dbt)")
    _run_nightly(_days(first, last))
    if serve:
        console.rule("4/4 dashboards and the disposition workbench")
        _demo_workbench_users()  # before Superset: its roles and row-level security come from these users
        _superset_setup()
        services_start()
    console.rule("summary")
    summary(start=first.isoformat(), end=last.isoformat())
    s = Settings.from_env()
    console.print(f"\nwarehouse:   {s.database_url}")
    console.print(f"landing:     {s.landing_dir}")
    console.print(f"Data Docs:   {s.gx_docs_dir / 'index.html'}")
    console.print(f"logs:        {s.log_dir}")
    console.print(f"briefings:   {s.state_dir / 'briefings' / last.isoformat()}  (HTML and PDF per district, GACC)")
    if serve:
        from customs_risk.services import services

        for svc in services(s):
            console.print(f"{svc.name + ':':<13}{svc.url}")
        console.print(
            f"{'workbench:':<13}{services(s)[0].url.split('/dags')[0]}/disposition/  (users: "
            "chief-5204-01, leader-5204, sup-5204, sup-5200, gacc; password demo-disposition)"
        )
        console.print(
            "Superset login: admin / admin, or a workbench user name with password demo-disposition to see only"
            " that user's units (loopback only).  Stop everything: make stop"
        )
    console.print(f"done in {time.monotonic() - started:.0f} s")


@app.command()
def stop() -> None:
    """Stop the servers and the embedded PostgreSQL."""
    services_stop()
    db_stop()


# --- services -----------------------------------------------------------------------------------------------
@services_app.command("start")
def services_start() -> None:
    """Start the Airflow UI and Superset on loopback (no-op for the ones already up)."""
    from customs_risk import services as svc

    for service in svc.services():
        svc.start(service)
        console.print(f"{service.name} up at {service.url}")


@services_app.command("stop")
def services_stop() -> None:
    from customs_risk import services as svc

    for service in svc.services():
        if svc.stop(service.name):
            console.print(f"{service.name} stopped")


# --- helpers ------------------------------------------------------------------------------------------------
def _export_airflow_env() -> None:
    from customs_risk.orchestration.airflow_env import airflow_env

    os.environ.update(airflow_env())


def _airflow_db_migrate() -> None:
    from customs_risk.orchestration.airflow_env import with_airflow_env

    env = with_airflow_env()
    stamp = Path(env["AIRFLOW_HOME"]) / ".migrated"
    if stamp.exists():
        return
    Path(env["AIRFLOW_HOME"]).mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    stamp.touch()


def _load_code_tables() -> None:
    """`dbt seed` the customs code tables when they (or the warehouse) changed since the last load."""
    import hashlib

    from customs_risk.orchestration.airflow_env import with_airflow_env
    from customs_risk.orchestration.dbt import DBT_PROJECT_DIR

    s = Settings.from_env()
    seeds = sorted((DBT_PROJECT_DIR / "seeds").rglob("*.csv"))
    digest = hashlib.sha256(s.database_url.encode())
    for path in seeds:
        digest.update(path.read_bytes())
    stamp = s.state_dir / "code_tables.sha256"
    if stamp.exists() and stamp.read_text() == digest.hexdigest() and _seeds_present():
        return
    subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "seed", "--profiles-dir", str(DBT_PROJECT_DIR)],
        cwd=DBT_PROJECT_DIR,
        env=with_airflow_env(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text(digest.hexdigest())


def _seeds_present() -> bool:
    from customs_risk.db import connect

    with connect() as conn:
        return conn.execute("select to_regclass('codes.trade_mode_codes')").fetchone()[0] is not None


def _run_nightly(days: list[str]) -> None:
    from customs_risk.orchestration.airflow_env import with_airflow_env

    log = Settings.from_env().log_dir / "nightly.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    console.print(f"running clearance_nightly for {', '.join(days)} (task logs: {log})")
    with log.open("ab") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "customs_risk.orchestration.run_nightly", *days],
            env=with_airflow_env(),
            stdout=subprocess.PIPE,
            stderr=out,
            check=False,
        )
    with log.open("ab") as out:  # dag.test() prints the task logs on stdout: keep them beside stderr
        out.write(proc.stdout)
    for line in proc.stdout.decode().splitlines():
        if line.startswith('{"biz_date"'):  # one result line per day; Airflow's own logging goes to the log
            console.print(line)
    if proc.returncode != 0:
        console.print(f"[red]nightly run failed; see {log}[/red]")
        raise typer.Exit(proc.returncode)


def _demo_watches() -> None:
    """我的关注 for the demo users: a subordinate leader watches his customs, GACC watches one red check."""
    for args in (
        ("leader-5204", "--scope", "UNIT", "--value", "5204"),
        ("gacc", "--scope", "CHECK", "--check", "AP-CLR-001"),
    ):
        subprocess.run(
            [sys.executable, "-m", "customs_risk.cli", "dispose", "watch", "add", *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def _demo_workbench_users() -> None:
    subprocess.run(
        [sys.executable, "-m", "customs_risk.cli", "dispose", "user", "demo"], check=True, stdout=subprocess.DEVNULL
    )


def _superset_setup() -> None:
    from customs_risk.services import SUPERSET_PY, superset_env

    log = Settings.from_env().log_dir / "superset-setup.log"
    with log.open("ab") as out:
        proc = subprocess.run(
            [str(SUPERSET_PY), str(PROJECT_ROOT / "superset" / "manage.py"), "setup"],
            env=superset_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if proc.returncode != 0:
        console.print(f"[red]Superset set-up failed; see {log}[/red]")
        raise typer.Exit(proc.returncode)
    console.print("Superset metadata ready, dashboards imported and verified")


if __name__ == "__main__":
    app()
