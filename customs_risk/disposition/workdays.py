"""Working-day arithmetic on the work calendar (Chinese holidays and make-up working days, 调休).

A date the calendar does not cover counts as a working day when it is Monday–Friday (the calendar is delivered
per year; a deadline running into a year not yet delivered falls back to weekdays rather than failing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import psycopg
from psycopg.rows import tuple_row

TZ = ZoneInfo("Asia/Shanghai")
_MAX_SPAN = 400  # working days; a loop guard, far beyond any deadline


@dataclass(frozen=True)
class WorkCalendar:
    days: dict[date, bool] = field(default_factory=dict)  # cal_date -> is_workday

    @classmethod
    def load(cls, conn: psycopg.Connection) -> WorkCalendar:
        with conn.cursor(row_factory=tuple_row) as cur:
            rows = cur.execute("select cal_date, is_workday from hl.work_calendar").fetchall()
        return cls({cal_date: bool(is_workday) for cal_date, is_workday in rows})

    def is_workday(self, d: date) -> bool:
        known = self.days.get(d)
        return known if known is not None else d.weekday() < 5

    def first_workday_on_or_after(self, d: date) -> date:
        for _ in range(_MAX_SPAN):
            if self.is_workday(d):
                return d
            d += timedelta(days=1)
        raise ValueError(f"no working day within {_MAX_SPAN} days of {d}")

    def add_workdays(self, base: date, n: int) -> date:
        """The n-th working day strictly after `base` (n >= 1)."""
        d, left = base, n
        for _ in range(n * 7 + _MAX_SPAN):
            d += timedelta(days=1)
            if self.is_workday(d):
                left -= 1
                if left == 0:
                    return d
        raise ValueError(f"cannot count {n} working days from {base}")

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: the dbt macro WD()'s definition."""
        return sum(1 for i in range(1, (b - a).days + 1) if self.is_workday(a + timedelta(days=i)))


def local_date(ts: datetime) -> date:
    return ts.astimezone(TZ).date()


def end_of_day(d: date) -> datetime:
    """Midnight at the end of local day `d`: a deadline on `d` is met by anything before it."""
    return datetime.combine(d + timedelta(days=1), time(0), TZ)


def due(calendar: WorkCalendar, start: datetime, workdays: float) -> datetime:
    """The deadline `workdays` working days after `start`.

    Whole days: the end of the n-th working day after the local date of `start` (issued on a Friday with n = 1:
    the end of Monday, or of Tuesday when Monday is a holiday). Less than one (the table's 0.5, "same day"):
    the end of the first working day on or after that date.
    """
    base = local_date(start)
    if workdays < 1:
        return end_of_day(calendar.first_workday_on_or_after(base))
    whole = int(workdays) if float(workdays).is_integer() else int(workdays) + 1
    return end_of_day(calendar.add_workdays(base, whole))


def show_deadline(ts: datetime | None) -> str:
    """A deadline for people: an end-of-day deadline reads "2026-10-08 24:00", not the next day's 00:00."""
    if ts is None:
        return ""
    local = ts.astimezone(TZ)
    if local.time() == time(0):
        return f"{local.date() - timedelta(days=1):%Y-%m-%d} 24:00"
    return f"{local:%Y-%m-%d %H:%M}"
