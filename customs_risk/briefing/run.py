"""Write the night's briefings: one per directly-affiliated customs and one for GACC."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from customs_risk.briefing.figures import collect
from customs_risk.briefing.render import chromium, print_pdf, render_html
from customs_risk.config import Settings
from customs_risk.db import connect

log = logging.getLogger(__name__)
SUPERSET_URL = "http://127.0.0.1:8088"


def briefing_dir(biz_date: date, settings: Settings | None = None) -> Path:
    return (settings or Settings.from_env()).state_dir / "briefings" / biz_date.isoformat()


def write_briefings(biz_date: date, with_officer_names: bool = False, pdf: bool = True) -> list[Path]:
    """HTML (and PDF when Chromium is present) per district and for GACC; returns the files written."""
    out = briefing_dir(biz_date)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "-supervision" if with_officer_names else ""
    written: list[Path] = []
    with connect() as conn:
        districts = [r[0] for r in conn.execute("select unit_code from marts.dim_org_unit where unit_level = 'DIRECT'")]
        for scope in [*sorted(districts), None]:
            b = collect(conn, biz_date, scope, with_officer_names)
            html = out / f"{scope or 'GACC'}{suffix}.html"
            html.write_text(render_html(b, SUPERSET_URL), encoding="utf-8")
            written.append(html)
            if pdf and chromium():
                print_pdf(html, html.with_suffix(".pdf"))
                written.append(html.with_suffix(".pdf"))
            elif pdf:
                log.warning("chromium not found: %s written without its PDF", html)
    return written
