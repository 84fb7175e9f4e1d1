"""A briefing as HTML (Jinja2, an inline SVG chart) and as PDF (headless Chromium prints the HTML)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from customs_risk.briefing.figures import Briefing, week_days

COLOURS = {"red": "#E04355", "orange": "#FF7F44", "yellow": "#FCC700"}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def trend_svg(b: Briefing, width: int = 520, height: int = 140) -> str:
    """Stacked bars of the last seven days' alerts by colour."""
    days = week_days(b.biz_date)
    counts = {(r["biz_date"], r["severity"]): r["n"] for r in b.week}
    totals = [sum(counts.get((d, s), 0) for s in COLOURS) for d in days]
    top = max([*totals, 1])
    bar_w, gap, base = 50, 20, height - 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    for i, d in enumerate(days):
        x, y = 10 + i * (bar_w + gap), base
        mid = x + bar_w / 2
        for severity in ("yellow", "orange", "red"):
            h = (height - 40) * counts.get((d, severity), 0) / top
            if h:
                colour = COLOURS[severity]
                parts.append(f'<rect x="{x}" y="{y - h:.1f}" width="{bar_w}" height="{h:.1f}" fill="{colour}"/>')
                y -= h
        parts.append(f'<text x="{mid}" y="{y - 3:.1f}" font-size="10" text-anchor="middle">{totals[i]}</text>')
        parts.append(f'<text x="{mid}" y="{height - 5}" font-size="10" text-anchor="middle">{d:%m-%d}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(b: Briefing, superset_url: str) -> str:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["j2", "html"]))
    return env.get_template("briefing.html.j2").render(b=b, trend_svg=trend_svg(b), superset_url=superset_url)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("chromium is not installed: the PDF needs it (scripts/ensure_chromium.sh)")
    subprocess.run(
        [browser, *CHROMIUM_FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
