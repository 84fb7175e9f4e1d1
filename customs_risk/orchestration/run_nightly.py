"""Run the real nightly DAG for one or more business days with `dag.test()` (in an Airflow-configured process).

Usage (the CLI does this for you): python -m customs_risk.orchestration.run_nightly 2026-11-20 2026-11-21
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date

from customs_risk.orchestration.business_date import run_time_for

DAG_ID = "clearance_nightly"


def main(days: list[str]) -> int:
    from airflow.dag_processing.dagbag import DagBag
    from airflow.utils.state import DagRunState

    bag = DagBag()
    if bag.import_errors:
        for path, err in bag.import_errors.items():
            print(f"DAG import error in {path}:\n{err}", file=sys.stderr)
        return 2
    dag = bag.get_dag(DAG_ID)
    failed = []
    for day in days:
        started = time.monotonic()
        logical_date = run_time_for(date.fromisoformat(day))
        _forget_earlier_run(logical_date)
        # run_after = logical date gives the run a stable id: a re-run replaces the day's run in the UI too
        run = dag.test(logical_date=logical_date, run_after=logical_date, run_conf={"biz_date": day})
        state = run.state if run else None
        print(json.dumps({"biz_date": day, "state": str(state), "seconds": round(time.monotonic() - started, 1)}))
        if state != DagRunState.SUCCESS:
            failed.append(day)
    if failed:
        print(f"nightly run failed for {failed}; see the task logs above", file=sys.stderr)
        return 1
    return 0


def _forget_earlier_run(logical_date) -> None:
    from airflow import settings
    from airflow.models.dagrun import DagRun
    from sqlalchemy import select

    with settings.Session() as session:
        for run in session.scalars(select(DagRun).where(DagRun.dag_id == DAG_ID, DagRun.logical_date == logical_date)):
            session.delete(run)
        session.commit()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
