"""The contract is the single source of truth: everything derived from it must agree with it."""

from __future__ import annotations

import json

from customs_risk import checks_registry
from customs_risk.contract import load_contract
from customs_risk.contract.dbt_sync import stale_files
from customs_risk.validation.suites import CHECKPOINT, GX_ROOT, suite_name

ALLOWED_BASE_TYPES = {
    "varchar",
    "char",
    "text",
    "smallint",
    "integer",
    "bigint",
    "numeric",
    "boolean",
    "date",
    "timestamptz",
    "text[]",
    "jsonb",
    "inet",
}


def test_contract_is_consistent():
    contract = load_contract()
    assert len(contract.tables) >= 45, "the source model has ~45 tables"
    for t in contract.tables.values():
        names = set(t.column_names)
        assert set(t.primary_key) <= names, f"{t.name}: key columns missing"
        assert t.delivery in {"reference", "event", "state"}, t.name
        if t.delivery == "state":
            assert t.change_column in names, f"{t.name}: state table without its change column"
        for c in t.columns:
            assert c.base_type in ALLOWED_BASE_TYPES, f"{t.name}.{c.name}: type {c.type}"
            if c.references:
                table, column = c.references.split(".")
                assert column in contract.table(table).column_names, f"{t.name}.{c.name} -> {c.references}"


def test_dbt_sources_and_staging_are_derived_from_the_contract():
    assert stale_files() == [], "run `customs-risk contract sync` and commit the result"


def test_check_registry_lists_every_check_file():
    checks, prompts = checks_registry.check_model_names(), checks_registry.prompt_model_names()
    assert checks_registry.REGISTRY.read_text(encoding="utf-8") == checks_registry.registry_macro(checks, prompts), (
        "run `customs-risk contract sync` to refresh macros/generated/check_registry.sql"
    )
    # alerts and basic-information prompts are disjoint and together cover every chk_*.sql file
    every_file = sorted(p.stem for p in checks_registry.CHECKS_DIR.rglob("chk_*.sql"))
    assert not set(checks) & set(prompts)
    assert sorted(checks + prompts) == every_file
    assert all(name.startswith("chk_bi_") for name in prompts), "only basic-information prompts live in basic_info/"


def test_gx_suites_cover_every_table():
    contract = load_contract()
    checkpoint = json.loads((GX_ROOT / "gx" / "checkpoints" / f"{CHECKPOINT}.json").read_text())
    validated = {vd["name"] for vd in checkpoint["validation_definitions"]}
    assert validated == set(contract.tables)
    for t in contract.tables.values():
        group, table = suite_name(t).split(".")
        suite = json.loads((GX_ROOT / "gx" / "expectations" / group / f"{table}.json").read_text())
        kinds = {e["type"] for e in suite["expectations"]}
        assert {"expect_table_columns_to_match_set", "expect_table_row_count_to_equal"} <= kinds, t.name
