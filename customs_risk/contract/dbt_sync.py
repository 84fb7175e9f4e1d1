"""Derive the dbt `raw` sources and one staging model per raw table from the contract.

Run `customs-risk contract sync` after editing source_contract.yaml; a test fails when the files are stale.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from customs_risk.config import PROJECT_ROOT
from customs_risk.contract import Contract, Table, load_contract

STAGING_DIR = PROJECT_ROOT / "dbt_project" / "models" / "staging" / "raw"
SOURCES_FILE = STAGING_DIR / "_raw__sources.yml"
HEADER = "# Generated from customs_risk/contract/source_contract.yaml by `customs-risk contract sync`; do not edit.\n"


def _column_doc(c) -> dict:
    doc: dict = {"name": c.name, "data_type": c.type}
    text = " — ".join(x for x in (c.zh, c.description) if x)
    if text:
        doc["description"] = text
    return doc


def sources_yaml(contract: Contract) -> str:
    tables = []
    for t in contract.tables.values():
        tables.append(
            {
                "name": t.name,
                "description": f"{t.name_zh} — {t.description} Delivery: {t.delivery}.",
                "meta": {"group": t.group, "delivery": t.delivery, "primary_key": list(t.primary_key)},
                "columns": [_column_doc(c) for c in t.columns],
            }
        )
    doc = {
        "version": 2,
        "sources": [
            {
                "name": "raw",
                "schema": "raw",
                "description": "The nightly clearance extract, one row per delivered row and business day.",
                "tables": tables,
            }
        ],
    }
    return HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


def staging_sql(t: Table) -> str:
    if t.delivery == "reference":
        body, what = f"{{{{ reference_snapshot('raw', '{t.name}') }}}}", "the latest full snapshot"
    elif t.delivery == "state":
        keys = ", ".join(f"'{k}'" for k in t.primary_key)
        body = f"{{{{ current_state('raw', '{t.name}', [{keys}], '{t.change_column}') }}}}"
        what = "the latest version of each key, deletions dropped,"
    else:
        body, what = f"{{{{ delivered_events('raw', '{t.name}') }}}}", "every event"
    return (
        f"-- {t.name} {t.name_zh}:\n-- {what} delivered on or before the business day.\n"
        f"-- Generated from the extract contract by `customs-risk contract sync`; do not edit.\n"
        f"with delivered as (\n    {body}\n)\n\nselect * from delivered\n"
    )


def expected_files(contract: Contract | None = None) -> dict[Path, str]:
    contract = contract or load_contract()
    files = {SOURCES_FILE: sources_yaml(contract)}
    for t in contract.tables.values():
        files[STAGING_DIR / f"stg_raw__{t.name}.sql"] = staging_sql(t)
    return files


def sync(contract: Contract | None = None) -> list[Path]:
    """Write the derived files; remove staging models of tables no longer in the contract. Returns changed paths."""
    files = expected_files(contract)
    STAGING_DIR.mkdir(parents=True, exist_ok=True)
    changed = []
    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for stale in STAGING_DIR.glob("stg_raw__*.sql"):
        if stale not in files:
            stale.unlink()
            changed.append(stale)
    return changed


def stale_files(contract: Contract | None = None) -> list[Path]:
    files = expected_files(contract)
    out = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    out += [p for p in STAGING_DIR.glob("stg_raw__*.sql") if p not in files]
    return out
