"""The business day a DAG run works on: the day before the run's logical date, in Asia/Shanghai."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")


def business_date(logical_date: datetime | None, conf: dict | None = None) -> date:
    """`conf["biz_date"]` when a run is triggered for a specific day, else logical date (local) − 1 day."""
    if conf and conf.get("biz_date"):
        return date.fromisoformat(str(conf["biz_date"]))
    if logical_date is None:
        raise ValueError("a run without a logical date needs conf {'biz_date': 'YYYY-MM-DD'}")
    return logical_date.astimezone(TZ).date() - timedelta(days=1)


def run_time_for(biz_date: date) -> datetime:
    """The scheduled run that processes `biz_date`: 01:30 local on the next day."""
    return datetime.combine(biz_date + timedelta(days=1), datetime.min.time(), TZ).replace(hour=1, minute=30)
