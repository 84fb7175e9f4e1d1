"""Does a night cost the same with 30 or 180 days of history behind it, and what does incremental save?

Run on demand: `make bench-history` (PRESET=ci|district, DAYS=180). It generates DAYS business days, loads them
into raw with the loader (no GX, no dbt: history only needs to be there), then measures in one run:
  * the dbt night (staging+intermediate, checks, marts, as the DAG runs them) on day 30 and on day DAYS;
  * the marts (fct_alert and the reports) incrementally vs a full refresh on day DAYS;
  * the dashboards' queries: p95 of each chart's SQL against the marts at DAYS days of history.
Writes bench/reports/<stamp>-history-<preset>.json and history-latest.md (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_bench import BIN, REPORTS, ROOT, bench_env, machine, timed

LAST_DAY = date(2026, 11, 20)


def dbt_night(env: dict[str, str], day: date, label: str, extra: tuple[str, ...] = ()) -> dict[str, dict]:
    from customs_risk.orchestration.dbt import LAYERS

    base = [str(BIN / "dbt"), "build", "--profiles-dir", ".", "--vars", json.dumps({"biz_date": day.isoformat()}),
            "--exclude-resource-type", "unit_test", *extra, "--select"]  # fmt: skip
    return {
        name: timed(f"{label} {name}", [*base, *selection.split()], env, cwd=ROOT / "dbt_project")
        for name, selection in LAYERS.items()
    }


def load_days(env: dict[str, str], days: list[date]) -> float:
    import psycopg

    from customs_risk.ingest.loader import load_day

    landing = Path(env["CR_STATE_DIR"]) / "landing"
    started = time.monotonic()
    with psycopg.connect(env["WAREHOUSE_SQLALCHEMY_URL"].replace("+psycopg", ""), autocommit=True) as conn:
        for i, d in enumerate(days, 1):
            load_day(conn, landing / d.isoformat())
            if i % 10 == 0:
                print(f"  loaded {i}/{len(days)} days", flush=True)
    return time.monotonic() - started


def chart_queries_p95(env: dict[str, str], repeats: int = 10) -> dict[str, float]:
    """Each bundle chart's aggregate as SQL on its mart, repeated: p95 seconds per chart."""
    import psycopg
    import yaml

    assets = ROOT / "superset" / "assets"
    datasets = {d["uuid"]: d for p in assets.glob("datasets/**/*.yaml") if (d := yaml.safe_load(p.read_text()))}
    results = {}
    with psycopg.connect(env["WAREHOUSE_SQLALCHEMY_URL"].replace("+psycopg", ""), autocommit=True) as conn:
        for path in sorted(assets.glob("charts/*.yaml")):
            chart = yaml.safe_load(path.read_text())
            ds = datasets[chart["dataset_uuid"]]
            query = json.loads(chart["query_context"])["queries"][0]
            metrics = {m["metric_name"]: m["expression"] for m in ds.get("metrics") or []}
            cols = [f'"{c}"' for c in query.get("columns", [])]
            exprs = cols + [f"{metrics[m]} as {m}" for m in query.get("metrics", [])]
            group = f" group by {', '.join(cols)}" if cols and query.get("metrics") else ""
            sql = f"select {', '.join(exprs) or '1'} from {ds['schema']}.{ds['table_name']}{group} limit 10000"
            timings = []
            for _ in range(repeats):
                started = time.monotonic()
                conn.execute(sql).fetchall()
                timings.append(time.monotonic() - started)
            results[path.stem] = round(statistics.quantiles(timings, n=20)[-1], 4)
    return results


def run(preset: str, n_days: int) -> dict:
    env = bench_env(f"history-{preset}")
    cli = [str(BIN / "customs-risk")]
    first = LAST_DAY - timedelta(days=n_days - 1)
    day30 = first + timedelta(days=29)
    days = [first + timedelta(days=i) for i in range(n_days)]
    print(f"history bench preset={preset} days={first}..{LAST_DAY}", flush=True)
    timed("prepare", [*cli, "prepare"], env)
    timed("generate", [*cli, "generate", "--start", first.isoformat(), "--end", LAST_DAY.isoformat(),
                       "--preset", preset], env)  # fmt: skip
    load30 = load_days(env, days[:30])
    dbt_night(env, day30, "build-up")  # creates the incremental tables
    night30 = dbt_night(env, day30, "night@30")
    load_rest = load_days(env, days[30:])
    dbt_night(env, LAST_DAY - timedelta(days=1), "build-up")
    night_n = dbt_night(env, LAST_DAY, f"night@{n_days}")
    full = timed(f"marts full refresh@{n_days}", [str(BIN / "dbt"), "build", "--profiles-dir", ".", "--vars",
                 json.dumps({"biz_date": LAST_DAY.isoformat()}), "--exclude-resource-type", "unit_test",
                 "--full-refresh", "--select", "tag:mart"], env, cwd=ROOT / "dbt_project")  # fmt: skip
    charts = chart_queries_p95(env)
    total30 = sum(s["seconds"] for s in night30.values())
    total_n = sum(s["seconds"] for s in night_n.values())
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "preset": preset,
        "history_days": n_days,
        "load_seconds": {"first_30_days": round(load30, 1), "remaining_days": round(load_rest, 1)},
        "night_at_30": night30,
        "night_at_n": night_n,
        "marts_full_refresh": full,
        "chart_query_p95_seconds": charts,
        "ratios": {
            "night_n_over_night_30": round(total_n / total30, 2),
            "marts_full_over_incremental": round(full["seconds"] / night_n["dbt_marts"]["seconds"], 1),
            "worst_chart_p95_seconds": max(charts.values()) if charts else None,
        },
    }


def markdown(report: dict) -> str:
    n = report["history_days"]
    lines = [
        f"# History benchmark {report['when']} — preset `{report['preset']}`, {n} days",
        "",
        f"Machine: {report['machine']['cores']} cores, {report['machine']['memory_gib']} GiB",
        "",
        f"| dbt layer | night at 30 days (s) | night at {n} days (s) |",
        "|---|---:|---:|",
    ]
    for layer, s in report["night_at_30"].items():
        lines.append(f"| {layer} | {s['seconds']:.1f} | {report['night_at_n'][layer]['seconds']:.1f} |")
    r = report["ratios"]
    lines += [
        "",
        "| ratio (same run) | value | target |",
        "|---|---:|---|",
        f"| night at {n} / at 30 days | {r['night_n_over_night_30']} | ≤ 1.3 |",
        f"| marts full refresh / incremental | {r['marts_full_over_incremental']} | ≥ 10 |",
        f"| worst chart query p95 (s) | {r['worst_chart_p95_seconds']} | < 1 |",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="ci", choices=["ci", "district", "national"])
    parser.add_argument("--days", type=int, default=180)
    args = parser.parse_args()
    if args.days < 31:
        parser.error("--days must be more than 30")
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = run(args.preset, args.days)
    stamp = date.today().isoformat() + "T" + datetime.now().strftime("%H%M%S")
    (REPORTS / f"{stamp}-history-{args.preset}.json").write_text(json.dumps(report, indent=2))
    (REPORTS / "history-latest.md").write_text(markdown(report))
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
