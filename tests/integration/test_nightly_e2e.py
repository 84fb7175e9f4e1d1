"""One generated day through the real DAG: every injected scenario is caught, attributed, and nothing else."""

from __future__ import annotations

import json

import pytest

from customs_risk.generator import LABELS_DIR

pytestmark = pytest.mark.integration


def test_every_labelled_scenario_raises_its_alert_with_attribution(conn, nightly_run, landing):
    labels = json.loads((landing / LABELS_DIR / f"{nightly_run}.json").read_text())["alerts"]
    assert labels, "the generator must inject scenarios"
    alerts = {
        (r[0], r[1]): r[2:]
        for r in conn.execute(
            "select check_code, object_id, officer_id, post_code, section_unit_code, subordinate_unit_code,"
            " direct_customs_code, severity from marts.fct_alert where biz_date = %s",
            (nightly_run,),
        )
    }
    missed = [label for label in labels if (label["check_code"], label["object_id"]) not in alerts]
    assert not missed, f"{len(missed)} scenarios not caught, e.g. {missed[:3]}"
    for label in labels:
        officer, post, section, subordinate, district, _severity = alerts[(label["check_code"], label["object_id"])]
        assert officer == label["officer_id"], label
        if officer is not None:  # charged to a person: the post and units at the event time are resolved
            assert post and section.startswith(subordinate) and district == "5200", label
    # the clean data of the day raises nothing: every alert is an injected scenario
    unexpected = set(alerts) - {(x["check_code"], x["object_id"]) for x in labels}
    assert not unexpected, f"{len(unexpected)} alerts on clean data, e.g. {sorted(unexpected)[:5]}"


def test_severity_comes_from_the_check_declaration(conn, nightly_run):
    rows = dict(conn.execute("select a.check_code, min(a.severity) from marts.fct_alert a group by 1").fetchall())
    declared = dict(conn.execute("select check_code, default_severity from marts.dim_risk_check").fetchall())
    assert rows and all(declared[code] == severity for code, severity in rows.items())


def test_the_night_is_audited_and_validated(conn, nightly_run):
    loaded = conn.execute(
        "select count(*), sum(rows_loaded) from raw._load_audit where biz_date = %s and outcome = 'LOADED'",
        (nightly_run,),
    ).fetchone()
    assert loaded[0] >= 45 and loaded[1] > 1000
    critical = conn.execute(
        "select count(*) from raw._validation_result where biz_date = %s and not success and severity = 'critical'",
        (nightly_run,),
    ).fetchone()[0]
    evaluated = conn.execute(
        "select count(*) from raw._validation_result where biz_date = %s", (nightly_run,)
    ).fetchone()[0]
    assert critical == 0 and evaluated > 50


def test_rerunning_the_night_gives_the_same_alerts(conn, nightly_run):
    from tests.conftest import run_cli

    query = (
        "select alert_key, check_code, object_id, officer_id, severity, evidence::text "
        "from marts.fct_alert order by alert_key"
    )
    before = conn.execute(query).fetchall()
    count = "select count(*) from raw.dec_head where _biz_date = %s"
    declarations = conn.execute(count, (nightly_run,)).fetchone()[0]
    result = run_cli("nightly", "--start", nightly_run, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert conn.execute(query).fetchall() == before
    assert conn.execute(count, (nightly_run,)).fetchone()[0] == declarations, "re-running replaces, never duplicates"
