"""The generator: reproducible bytes, a manifest that matches its files, labelled scenarios."""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import date

from customs_risk.contract import load_contract
from customs_risk.generator import LABELS_DIR, generate_day

DAY = date(2026, 11, 20)


def test_same_seed_same_bytes(tmp_path):
    a = generate_day(DAY, tmp_path / "a", "ci", seed=7)
    b = generate_day(DAY, tmp_path / "b", "ci", seed=7)
    c = generate_day(DAY, tmp_path / "c", "ci", seed=8)
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir())
    for name in files:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "dec_head.csv.gz").read_bytes() != (c / "dec_head.csv.gz").read_bytes()


def test_manifest_describes_every_contract_table(tmp_path):
    day = generate_day(DAY, tmp_path, "ci", seed=1)
    manifest = json.loads((day / "manifest.json").read_text())
    assert manifest["business_date"] == DAY.isoformat()
    assert {t["table"] for t in manifest["tables"]} == set(load_contract().tables)
    for t in manifest["tables"]:
        data = (day / t["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == t["sha256"]
        assert len(gzip.decompress(data).decode().splitlines()) - 1 == t["rows"]
    rows = {t["table"]: t["rows"] for t in manifest["tables"]}
    assert rows["dec_head"] >= 300 and rows["dec_item"] > rows["dec_head"], "ci: a few hundred declarations a day"


def test_scenarios_are_labelled(tmp_path):
    generate_day(DAY, tmp_path, "ci", seed=1)
    labels = json.loads((tmp_path / LABELS_DIR / f"{DAY}.json").read_text())["alerts"]
    assert {"AP-CLR-001", "AP-CLR-003"} <= {x["check_code"] for x in labels}
    assert all(x["object_id"] and x["check_code"] for x in labels)


def test_gbk_encoding_is_declared(tmp_path):
    day = generate_day(DAY, tmp_path, "ci", seed=1, encoding="gbk")
    manifest = json.loads((day / "manifest.json").read_text())
    assert {t["encoding"] for t in manifest["tables"]} == {"gbk"}
    assert "海关" in gzip.decompress((day / "org_unit.csv.gz").read_bytes()).decode("gbk")
