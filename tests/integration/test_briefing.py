"""The night writes a one-page briefing per district and for GACC; its PDF says what the database says."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from customs_risk.briefing.run import briefing_dir, write_briefings

pytestmark = pytest.mark.integration


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def kpi_line(text: str) -> list[int]:
    """The figures printed under the KPI labels (red, orange, yellow, overdue, warnings)."""
    lines = text.splitlines()
    label = next(i for i, line in enumerate(lines) if "红色 Red" in line and "橙色 Orange" in line)
    return [int(n) for n in lines[label + 1].split()]


def test_the_nightly_run_wrote_the_briefings(nightly_run, settings):
    folder = briefing_dir(date.fromisoformat(nightly_run), settings)
    assert {p.name for p in folder.iterdir()} >= {"5200.html", "5200.pdf", "GACC.html", "GACC.pdf"}


def test_pdf_figures_match_the_warehouse(nightly_run, settings, conn, tmp_path):
    folder = briefing_dir(date.fromisoformat(nightly_run), settings)
    expected = dict(
        conn.execute(
            "select severity, count(*) from marts.fct_alert where biz_date = %s and direct_customs_code = '5200'"
            " group by 1",
            (nightly_run,),
        ).fetchall()
    )
    warnings = conn.execute(
        "select count(*) from raw._validation_result where biz_date = %s and not success", (nightly_run,)
    ).fetchone()[0]
    figures = kpi_line(pdf_text(folder / "5200.pdf"))
    assert figures[:3] == [expected.get("red", 0), expected.get("orange", 0), expected.get("yellow", 0)]
    assert figures[4] == warnings
    assert sum(figures[:2]) > 0, "the generated day has red or orange alerts to brief on"
    # the page renders to an image: a one-page A4 with ink on it
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(folder / "5200.pdf"), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1 and pages[0].stat().st_size > 10_000


def test_officer_names_only_on_the_supervision_version(nightly_run, conn):
    names = {
        r[0]
        for r in conn.execute(
            "select officer_name_zh from marts.rpt_alert_detail where biz_date = %s and severity in ('red','orange')"
            " and officer_name_zh is not null",
            (nightly_run,),
        )
    }
    assert names
    day = date.fromisoformat(nightly_run)
    leaders = next(p for p in write_briefings(day, pdf=False) if p.name == "5200.html").read_text()
    supervision = next(p for p in write_briefings(day, True, pdf=False) if p.name == "5200-supervision.html")
    assert not any(name in leaders for name in names)
    assert any(name in supervision.read_text() for name in names)
