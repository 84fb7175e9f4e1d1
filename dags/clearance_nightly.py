"""clearance_nightly — the previous business day's extract → staged → Great Expectations → raw → dbt → alerts.

Runs at 01:30 Asia/Shanghai for the day before (or for conf {"biz_date": "YYYY-MM-DD"}); backfill any range.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pendulum
from airflow.providers.standard.sensors.filesystem import FileSensor
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.timetables.trigger import CronTriggerTimetable
from cosmos.operators.local import DbtBuildLocalOperator

from customs_risk.orchestration import dbt as dbt_settings

ALERTS = Asset(name="fct_alert", uri="postgres://warehouse:5432/warehouse/marts/fct_alert")
BIZ_DATE = "{{ ti.xcom_pull(task_ids='resolve_business_date') }}"


@dag(
    dag_id="clearance_nightly",
    schedule=CronTriggerTimetable("30 1 * * *", timezone="Asia/Shanghai"),
    start_date=pendulum.datetime(2026, 1, 1, tz="Asia/Shanghai"),
    catchup=False,
    max_active_runs=1,  # one night at a time; the loader also locks per business day
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=15),
    },
    tags=["nightly", "ingest", "checks"],
    doc_md=__doc__,
)
def clearance_nightly():
    @task
    def resolve_business_date() -> str:
        from customs_risk.orchestration.business_date import business_date

        ctx = get_current_context()
        return business_date(ctx.get("logical_date"), ctx["dag_run"].conf).isoformat()

    wait_for_manifest = FileSensor(
        task_id="wait_for_manifest",
        fs_conn_id="landing",
        filepath=BIZ_DATE + "/manifest.json",
        deferrable=True,
        poke_interval=60,
        timeout=6 * 3600,
    )

    @task(retries=0)  # bad input does not get better by retrying
    def load_extract(biz_date: str) -> dict[str, int]:
        from customs_risk.orchestration.tasks import load_extract

        return load_extract(biz_date)

    @task(retries=0)
    def validate_extract(biz_date: str, rows: dict[str, int]) -> dict:
        from customs_risk.orchestration.tasks import validate_extract

        return validate_extract(biz_date, rows)

    @task(retries=0)
    def publish_extract(biz_date: str) -> None:
        from customs_risk.orchestration.tasks import publish_extract

        publish_extract(biz_date)

    dbt_layers = [
        DbtBuildLocalOperator(task_id=name, select=selection, **dbt_settings.build_operator_kwargs(BIZ_DATE))
        for name, selection in dbt_settings.LAYERS.items()
    ]

    @task
    def issue_and_escalate(biz_date: str) -> dict:
        """Hand the day's new alerts to disposition (ISSUE with deadlines) and escalate overdue ones."""
        from customs_risk.disposition.nightly import run_night

        return run_night(biz_date)

    @task(outlets=[ALERTS])
    def publish_alert_counts(biz_date: str) -> dict[str, int]:
        from customs_risk.orchestration.tasks import publish_alert_counts

        return publish_alert_counts(biz_date)

    @task
    def write_briefings(biz_date: str) -> list[str]:
        """The morning briefing (信息服务) per directly-affiliated customs and for GACC, HTML and PDF."""
        from datetime import date

        from customs_risk.briefing.run import write_briefings

        return [str(p) for p in write_briefings(date.fromisoformat(biz_date))]

    biz_date = resolve_business_date()
    rows = load_extract(biz_date)
    validated = validate_extract(biz_date, rows)
    biz_date >> wait_for_manifest >> rows
    published = publish_extract(biz_date)
    validated >> published >> dbt_layers[0]
    for upstream, downstream in pairwise(dbt_layers):
        upstream >> downstream
    issued = dbt_layers[-1] >> issue_and_escalate(biz_date)
    issued >> [publish_alert_counts(biz_date), write_briefings(biz_date)]


clearance_nightly()
