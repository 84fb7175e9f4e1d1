"""Synthetic clearance extract: realistic days with labelled bad cases (see generate_range)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from customs_risk.contract import load_contract
from customs_risk.generator import domains
from customs_risk.generator.clearance import Emit, generate_declarations, iter_reference_rows
from customs_risk.generator.context import DayContext
from customs_risk.generator.organisation import build_organisation
from customs_risk.generator.presets import PRESETS
from customs_risk.generator.writer import DayWriter

LABELS_DIR = "_labels"  # beside the day folders: what the generator injected, never part of the extract


def generate_day(biz_date: date, landing: Path, preset: str = "ci", seed: int = 42, encoding: str = "utf-8") -> Path:
    """Write the extract for one business day to <landing>/<date>/ and its scenario labels; return the day folder."""
    p = PRESETS[preset]
    contract = load_contract()
    ctx = DayContext(biz_date, p, seed, build_organisation(p, seed))
    day_dir = landing / biz_date.isoformat()
    with DayWriter(contract, day_dir, biz_date, encoding) as out:
        for table, row in iter_reference_rows(ctx.org, biz_date):
            out.write(table, row)
        emit = Emit(out.write)
        generate_declarations(ctx, emit)
        for _name, generate in domains.generators():
            generate(ctx, emit)
    labels_dir = landing / LABELS_DIR
    labels_dir.mkdir(parents=True, exist_ok=True)
    (labels_dir / f"{biz_date.isoformat()}.json").write_text(
        json.dumps(
            {"business_date": biz_date.isoformat(), "preset": preset, "seed": seed, "alerts": emit.labels},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    return day_dir


def generate_range(
    start: date,
    end: date,
    landing: Path,
    preset: str = "ci",
    seed: int = 42,
    encoding: str = "utf-8",
    on_day: Callable[[date], None] | None = None,
) -> list[Path]:
    days, d = [], start
    while d <= end:
        days.append(generate_day(d, landing, preset, seed, encoding))
        if on_day:
            on_day(d)
        d += timedelta(days=1)
    return days
