"""Build the GX file context under expectations/ from the contract (`customs-risk gx build`).

One suite per raw table, named `<group>.<table>` so suites read as table groups; a validation definition binds
each to the staged day of that table (`raw_incoming.<table>`, one day only, before it is published into `raw`);
one checkpoint, `nightly_raw`, lists them all.
Each expectation carries meta.severity: `critical` stops the night, `warning` is recorded and shown.
"""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from pathlib import Path

from customs_risk.config import PROJECT_ROOT
from customs_risk.contract import Contract, Table, load_contract
from customs_risk.contract.ddl import INCOMING_SCHEMA

GX_ROOT = PROJECT_ROOT / "expectations"
CODE_TABLES = PROJECT_ROOT / "dbt_project" / "seeds" / "code_tables"
DATASOURCE = "warehouse"
CHECKPOINT = "nightly_raw"
BATCH = "staged_day"
URL_VARIABLE = "${WAREHOUSE_SQLALCHEMY_URL}"  # substituted from the environment; never written in clear


def gx_context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(GX_ROOT))
    context.variables.progress_bars = {"globally": False}  # progress bars flood the task logs
    return context


def suite_name(t: Table) -> str:
    return f"{t.group}.{t.name}"


def row_count_parameter(table: str) -> str:
    return f"rows__{table}"


def volume_parameters(table: str) -> tuple[str, str]:
    return f"min_rows__{table}", f"max_rows__{table}"


# The clearance order of one declaration: declare <= release <= close (review and inspection fall in between).
DECLARATION_ORDER_QUERY = """
select b.entry_id
from (select * from {batch}) as b
group by b.entry_id
having
    max(b.end_ts) filter (where b.step_code = 'RELEASE') < min(b.start_ts) filter (where b.step_code = 'DECLARE')
    or max(b.end_ts) filter (where b.step_code = 'CLOSE') < max(b.end_ts) filter (where b.step_code = 'RELEASE')
"""


@cache
def code_table_values(name: str) -> list[str]:
    """The valid codes of a customs code table (the dbt seed the warehouse also loads)."""
    with (CODE_TABLES / f"{name}.csv").open(encoding="utf-8") as f:
        return sorted({row["code"] for row in csv.DictReader(f) if row.get("code")})


def reference_query(contract: Contract, t: Table, column: str) -> str:
    """Rows whose reference resolves neither in the staged day nor (for history tables) in earlier days."""
    target_table, target_column = t.column(column).references.split(".")
    query = (
        f"select b.{column} from (select * from {{batch}}) as b where b.{column} is not null"
        f" and not exists (select 1 from raw_incoming.{target_table} as s where s.{target_column} = b.{column})"
    )
    if contract.table(target_table).delivery != "reference":  # full snapshots must resolve the same day
        query += (
            f" and not exists (select 1 from raw.{target_table} as r"
            f" where r.{target_column} = b.{column} and r._biz_date < b._biz_date)"
        )
    return query


def expectations_for(contract: Contract, t: Table) -> list:
    import great_expectations.expectations as gxe

    critical, warning = {"severity": "critical"}, {"severity": "warning"}
    low, high = volume_parameters(t.name)
    out = [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=[*t.column_names, "_biz_date", "_loaded_at"], exact_match=True, meta=critical
        ),
        gxe.ExpectTableRowCountToEqual(value={"$PARAMETER": row_count_parameter(t.name)}, meta=critical),
        # volume within a band of the trailing 14 days (set at run time from the load audit)
        gxe.ExpectTableRowCountToBeBetween(min_value={"$PARAMETER": low}, max_value={"$PARAMETER": high}, meta=warning),
    ]
    if len(t.primary_key) == 1:
        out.append(gxe.ExpectColumnValuesToBeUnique(column=t.primary_key[0], meta=critical))
    elif t.primary_key:
        out.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(t.primary_key), meta=critical))
    for c in t.columns:
        if not c.nullable:
            out.append(gxe.ExpectColumnValuesToNotBeNull(column=c.name, meta=critical))
        if c.codes:
            out.append(gxe.ExpectColumnValuesToBeInSet(column=c.name, value_set=sorted(c.codes), meta=warning))
        if c.code_table:
            out.append(
                gxe.ExpectColumnValuesToBeInSet(
                    column=c.name,
                    value_set=code_table_values(c.code_table),
                    meta={**warning, "code_table": c.code_table},
                )
            )
        if c.references:
            # an orphan item or step breaks every check on its declaration; other orphans are reported
            severity = critical if c.references.startswith("dec_head.") else warning
            out.append(
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query=reference_query(contract, t, c.name),
                    description=f"{t.name}.{c.name} resolves to {c.references}",
                    meta={**severity, "column": c.name},
                )
            )
    for earlier, later in t.timestamp_order:
        out.append(
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A=later,
                column_B=earlier,
                or_equal=True,
                ignore_row_if="either_value_is_missing",
                meta=critical,
            )
        )
    if t.name == "dec_workflow":
        out.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=DECLARATION_ORDER_QUERY,
                description="declare <= release <= close for every declaration",
                meta=critical,
            )
        )
    return out


def _fingerprints(expectations) -> list[str]:
    def config(e) -> dict:
        return {k: v for k, v in e.configuration.to_json_dict().items() if k != "id"}

    return sorted(json.dumps(config(e), sort_keys=True, default=str) for e in expectations)


def build(contract: Contract | None = None) -> Path:
    """(Re)write datasource, assets, suites, validation definitions and the checkpoint. Idempotent."""
    contract = contract or load_contract()
    ctx = gx_context()
    return _build(ctx, contract)


def _build(ctx, contract: Contract) -> Path:
    import great_expectations as gx

    # reuse the datasource so assets and batch definitions keep their ids (clean diffs on rebuild)
    existing = [d for d in ctx.data_sources.all().values() if d.name == DATASOURCE]
    if existing and any(a.schema_name != INCOMING_SCHEMA for a in existing[0].assets):
        ctx.data_sources.delete(DATASOURCE)  # assets of an older layout: rebuild them
        existing = []
    ds = existing[0] if existing else ctx.data_sources.add_postgres(name=DATASOURCE, connection_string=URL_VARIABLE)
    definitions = []
    for t in contract.tables.values():
        asset = next((a for a in ds.assets if a.name == t.name), None) or ds.add_table_asset(
            name=t.name, table_name=t.name, schema_name=INCOMING_SCHEMA
        )
        batch = next(
            (b for b in asset.batch_definitions if b.name == BATCH), None
        ) or asset.add_batch_definition_whole_table(name=BATCH)
        wanted = expectations_for(contract, t)
        names = {x.name for x in ctx.suites.all()}
        suite = ctx.suites.get(suite_name(t)) if suite_name(t) in names else None
        if suite is None or _fingerprints(suite.expectations) != _fingerprints(wanted):  # unchanged: keep ids
            suite = ctx.suites.add_or_update(
                gx.ExpectationSuite(name=suite_name(t), expectations=wanted, meta={"table": t.name, "group": t.group})
            )
        vd = ctx.validation_definitions.add_or_update(gx.ValidationDefinition(name=t.name, data=batch, suite=suite))
        definitions.append(vd)
    ctx.checkpoints.add_or_update(
        gx.Checkpoint(
            name=CHECKPOINT,
            validation_definitions=definitions,
            actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")],
        )
    )
    return GX_ROOT / "gx"
