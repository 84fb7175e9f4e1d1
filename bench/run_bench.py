"""What a night costs: each stage of one generated day, measured in one run, with ratios to the floor.

Run on demand: `make bench` (or `.venvs/pipeline/bin/python bench/run_bench.py --preset district`).
Writes bench/reports/<timestamp>.json and latest.md (git-ignored), with the previous report's figures beside.
Every stage runs as its own process under /usr/bin/time, so its wall time and peak memory are its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "bench" / "reports"
BIN = ROOT / ".venvs" / "pipeline" / "bin"
DAY = "2026-11-20"


def bench_env(preset: str) -> dict[str, str]:
    env = {
        **os.environ,
        "CR_STATE_DIR": str(ROOT / ".state" / f"bench-{preset}"),
        "CR_PG_PORT": "55450",
        "CR_AIRFLOW_PORT": "8090",
        "DBT_TARGET_PATH": str(ROOT / ".state" / f"bench-{preset}" / "dbt-target"),
    }
    env.pop("DATABASE_URL", None) if os.environ.get("BENCH_EMBEDDED", "1") == "1" else None
    sys.path.insert(0, str(ROOT))
    os.environ.update({k: env[k] for k in ("CR_STATE_DIR", "CR_PG_PORT", "CR_AIRFLOW_PORT")})
    from customs_risk.orchestration.airflow_env import airflow_env

    return {**env, **airflow_env()}


def timed(name: str, command: list[str], env: dict[str, str], cwd: Path = ROOT) -> dict:
    """Run one stage under /usr/bin/time; return wall seconds and peak RSS (MB)."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "BENCH %e %M", *command], env=env, cwd=cwd, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"stage {name} failed ({shlex.join(command)}):\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    wall, rss_kb = next(line for line in out.stderr.splitlines()[::-1] if line.startswith("BENCH ")).split()[1:]
    print(f"  {name:<28}{float(wall):>8.1f} s {int(rss_kb) / 1024:>8.0f} MB", flush=True)
    return {"seconds": float(wall), "peak_rss_mb": round(int(rss_kb) / 1024, 1)}


def sql_seconds(env: dict[str, str], sql: str) -> float:
    import psycopg

    with psycopg.connect(env["WAREHOUSE_SQLALCHEMY_URL"].replace("+psycopg", ""), autocommit=True) as conn:
        started = time.monotonic()
        conn.execute(sql)
        return time.monotonic() - started


def loader_seconds(env: dict[str, str], day_dir: Path) -> tuple[float, float]:
    """The loader's own work, without process start-up: stage (verify + COPY) and publish (partition swap)."""
    import psycopg

    from customs_risk.ingest.loader import publish_day, stage_day

    with psycopg.connect(env["WAREHOUSE_SQLALCHEMY_URL"].replace("+psycopg", ""), autocommit=True) as conn:
        started = time.monotonic()
        stage_day(conn, day_dir)
        staged = time.monotonic()
        publish_day(conn, date.fromisoformat(DAY))
        return staged - started, time.monotonic() - staged


def bare_copy_seconds(env: dict[str, str], day_dir: Path) -> tuple[float, int]:
    """The floor for ingest: plain COPY of every file of the day into unindexed scratch tables."""
    import gzip

    import psycopg

    from customs_risk.contract import load_contract

    contract = load_contract()
    url = env["WAREHOUSE_SQLALCHEMY_URL"].replace("+psycopg", "")
    rows = 0
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("drop schema if exists bench_floor cascade; create schema bench_floor")
        for t in contract.tables.values():
            conn.execute(f"create unlogged table bench_floor.{t.name} as select * from raw.{t.name} where false")
        started = time.monotonic()
        for t in contract.tables.values():
            cols = ", ".join(f'"{c}"' for c in t.column_names)
            sql = f"copy bench_floor.{t.name} ({cols}) from stdin with (format csv, header true)"
            with conn.cursor() as cur:
                with cur.copy(sql) as cp, gzip.open(day_dir / f"{t.name}.csv.gz", "rb") as f:
                    while chunk := f.read(1 << 20):
                        cp.write(chunk)
                rows += cur.rowcount
        elapsed = time.monotonic() - started
        conn.execute("drop schema bench_floor cascade")
    return elapsed, rows


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def run(preset: str) -> dict:
    env = bench_env(preset)
    cli = [str(BIN / "customs-risk")]
    print(f"bench preset={preset} day={DAY}", flush=True)
    stages: dict[str, dict] = {}
    stages["prepare"] = timed("prepare", [*cli, "prepare"], env)
    stages["generate"] = timed("generate", [*cli, "generate", "--start", DAY, "--preset", preset], env)
    day_dir = Path(env["CR_STATE_DIR"]) / "landing" / DAY
    stages["load"] = timed("load (CLI process)", [*cli, "load", DAY], env)
    stage_s, publish_s = loader_seconds(env, day_dir)
    print(f"  {'  stage+publish in-process':<28}{stage_s + publish_s:>8.1f} s   (publish {publish_s:.2f} s)")
    floor_s, rows = bare_copy_seconds(env, day_dir)
    print(f"  {'bare COPY floor':<28}{floor_s:>8.1f} s   ({rows:,} rows)", flush=True)
    # a sequential scan of every table's day, warm: run twice, keep the second
    scan_sql = "; ".join(f"select count(*) from raw.{t} where _biz_date = '{DAY}'" for t in _tables())
    sql_seconds(env, scan_sql)
    scan_s = sql_seconds(env, scan_sql)
    stages["validate"] = timed("validate (GX)", [*cli, "validate", DAY], env)
    dbt = [
        str(BIN / "dbt"),
        "build",
        "--profiles-dir",
        ".",
        "--vars",
        json.dumps({"biz_date": DAY}),
        "--exclude-resource-type",
        "unit_test",
        "--select",
    ]
    from customs_risk.orchestration.dbt import LAYERS

    for name, selection in LAYERS.items():
        stages[name] = timed(name, [*dbt, *selection.split()], env, cwd=ROOT / "dbt_project")
    stages["nightly_dag"] = timed("whole DAG (dag.test)", [*cli, "nightly", "--start", DAY], env)
    work = sum(stages[s]["seconds"] for s in ("load", "validate", *LAYERS))
    checks_s = stages["dbt_checks"]["seconds"]
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "preset": preset,
        "business_date": DAY,
        "rows_in_day": rows,
        "stages": stages,
        "floor": {"bare_copy_seconds": round(floor_s, 2), "warm_scan_seconds": round(scan_s, 3)},
        "loader": {
            "stage_seconds": round(stage_s, 2),
            "publish_seconds": round(publish_s, 2),
            "rows_per_second": round(rows / (stage_s + publish_s)) if rows else None,
        },
        "ratios": {
            "ingest_over_bare_copy": round((stage_s + publish_s) / floor_s, 2) if floor_s else None,
            "checks_over_one_scan": round(checks_s / scan_s, 1) if scan_s else None,
            "dag_wall_over_stage_work": round(stages["nightly_dag"]["seconds"] / work, 2) if work else None,
        },
        "peak_rss_mb_max": max(s["peak_rss_mb"] for s in stages.values()),
    }


def _tables() -> list[str]:
    from customs_risk.contract import load_contract

    return list(load_contract().tables)


def markdown(report: dict, previous: dict | None) -> str:
    prev = (previous or {}).get("stages", {})
    lines = [
        f"# Benchmark {report['when']} — preset `{report['preset']}`, {report['rows_in_day']:,} rows in the day",
        "",
        f"Machine: {report['machine']['cores']} cores, {report['machine']['memory_gib']} GiB, "
        f"{report['machine']['platform']}",
        "",
        "| stage | seconds | peak RSS MB | previous seconds |",
        "|---|---:|---:|---:|",
    ]
    for name, s in report["stages"].items():
        p = prev.get(name, {}).get("seconds", "")
        lines.append(f"| {name} | {s['seconds']:.1f} | {s['peak_rss_mb']:.0f} | {p} |")
    lines += ["", "| ratio (same run) | value | target |", "|---|---:|---|"]
    targets = {
        "ingest_over_bare_copy": "≤ 1.5",
        "checks_over_one_scan": "≤ 250 (report)",
        "dag_wall_over_stage_work": "report",
    }
    for name, value in report["ratios"].items():
        lines.append(f"| {name} | {value} | {targets[name]} |")
    lines += [
        "",
        f"Floor: bare COPY {report['floor']['bare_copy_seconds']} s, warm scan of the day "
        f"{report['floor']['warm_scan_seconds']} s.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="district", choices=["ci", "district", "national"])
    args = parser.parse_args()
    REPORTS.mkdir(parents=True, exist_ok=True)
    previous_files = sorted(p for p in REPORTS.glob("*.json") if json.loads(p.read_text()).get("preset") == args.preset)
    previous = json.loads(previous_files[-1].read_text()) if previous_files else None
    report = run(args.preset)
    stamp = date.today().isoformat() + "T" + datetime.now().strftime("%H%M%S")
    (REPORTS / f"{stamp}-{args.preset}.json").write_text(json.dumps(report, indent=2))
    (REPORTS / "latest.md").write_text(markdown(report, previous))
    print(markdown(report, previous))
    return 0


if __name__ == "__main__":
    sys.exit(main())
