"""The ingest gate: a day loads whole or not at all, re-runs replace, and bad input names file, row and rule."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from customs_risk.generator import generate_day
from customs_risk.ingest.errors import ExtractError
from customs_risk.ingest.loader import load_day

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 21)


def _rewrite(day_dir: Path, table: str, transform, encoding: str = "utf-8", fix_manifest: bool = True) -> None:
    """Apply `transform` to the table's CSV lines; keep the manifest truthful unless told otherwise."""
    path = day_dir / f"{table}.csv.gz"
    lines = gzip.decompress(path.read_bytes()).decode(encoding).splitlines()
    lines = transform(lines)
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(encoding), mtime=0))
    if fix_manifest:
        manifest_path = day_dir / "manifest.json"
        manifest = json.loads(manifest_path.read_text())
        for t in manifest["tables"]:
            if t["table"] == table:
                t["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
                t["rows"] = len(lines) - 1
        manifest_path.write_text(json.dumps(manifest))


def _counts(conn) -> dict[str, int]:
    return dict(
        conn.execute(
            "select 'dec_head', count(*) from raw.dec_head where _biz_date = %s union all "
            "select 'dec_workflow', count(*) from raw.dec_workflow where _biz_date = %s",
            (DAY, DAY),
        ).fetchall()
    )


@pytest.fixture
def day_dir(tmp_path) -> Path:
    return generate_day(DAY, tmp_path, "ci", seed=3)


def test_reloading_a_day_replaces_it(conn, day_dir):
    manifest = {t["table"]: t["rows"] for t in json.loads((day_dir / "manifest.json").read_text())["tables"]}
    first = {x.table: x.rows for x in load_day(conn, day_dir)}
    again = {x.table: x.rows for x in load_day(conn, day_dir)}
    assert first == again == manifest
    assert _counts(conn) == {"dec_head": manifest["dec_head"], "dec_workflow": manifest["dec_workflow"]}
    audits = conn.execute(
        "select count(distinct run_id) from raw._load_audit where biz_date = %s and outcome = 'LOADED'", (DAY,)
    ).fetchone()[0]
    assert audits >= 2


def test_checksum_mismatch_rejects_the_day_and_keeps_the_previous_state(conn, day_dir):
    load_day(conn, day_dir)
    before = _counts(conn)
    _rewrite(day_dir, "dec_workflow", lambda lines: lines[:-5], fix_manifest=False)
    with pytest.raises(ExtractError) as err:
        load_day(conn, day_dir)
    assert err.value.rule == "checksum" and err.value.file.endswith("dec_workflow.csv.gz")
    assert _counts(conn) == before
    failed = conn.execute(
        "select message from raw._load_audit where biz_date = %s and outcome = 'FAILED' "
        "order by recorded_at desc limit 1",
        (DAY,),
    ).fetchone()[0]
    assert "dec_workflow.csv.gz" in failed and "checksum" in failed


def test_a_bad_value_names_file_row_and_column(conn, day_dir):
    def break_row_3(lines):
        header = lines[0].split(",")
        cells = lines[3].split(",")
        cells[header.index("declare_ts")] = "not-a-time"
        lines[3] = ",".join(cells)
        return lines

    _rewrite(day_dir, "dec_head", break_row_3)
    with pytest.raises(ExtractError) as err:
        load_day(conn, day_dir)
    assert err.value.file.endswith("dec_head.csv.gz")
    assert err.value.row == 3
    assert err.value.rule == "type" and "declare_ts" in str(err.value)


def test_a_header_that_breaks_the_contract_is_rejected(conn, day_dir):
    _rewrite(day_dir, "inspection", lambda lines: [lines[0].replace("lead_officer_id", "lead_officer"), *lines[1:]])
    with pytest.raises(ExtractError) as err:
        load_day(conn, day_dir)
    assert err.value.file.endswith("inspection.csv.gz") and err.value.rule == "header"


def test_gbk_day_loads_when_declared_and_is_rejected_when_not(conn, tmp_path):
    gbk_day = generate_day(DAY, tmp_path / "gbk", "ci", seed=3, encoding="gbk")
    load_day(conn, gbk_day)
    name = conn.execute(
        "select unit_name_zh from raw.org_unit where _biz_date = %s and unit_code = 'GACC'", (DAY,)
    ).fetchone()[0]
    assert name == "海关总署"
    manifest_path = gbk_day / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for t in manifest["tables"]:
        t["encoding"] = "utf-8"  # undeclared GBK: must not load as mojibake
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ExtractError) as err:
        load_day(conn, gbk_day)
    assert err.value.rule == "encoding"


def test_a_day_without_manifest_is_not_loaded(conn, day_dir):
    (day_dir / "manifest.json").unlink()
    with pytest.raises(ExtractError) as err:
        load_day(conn, day_dir)
    assert err.value.rule == "manifest-present"
