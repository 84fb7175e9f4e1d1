"""The extract contract (source_contract.yaml), read once and shared by the loader, GX, dbt and the generator."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

CONTRACT_FILE = Path(__file__).with_name("source_contract.yaml")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    zh: str = ""
    description: str = ""
    codes: dict[str, str] | None = None
    code_table: str | None = None
    references: str | None = None
    unit: str | None = None

    @property
    def base_type(self) -> str:
        """`varchar(12)` -> `varchar`, `numeric(18,2)` -> `numeric`."""
        return self.type.split("(", 1)[0].strip()


@dataclass(frozen=True)
class Table:
    name: str
    name_zh: str
    description: str
    group: str
    delivery: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]
    change_column: str | None = None
    event_column: str | None = None
    timestamp_order: tuple[tuple[str, str], ...] = ()
    _by_name: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return self._by_name[name]


@dataclass(frozen=True)
class Contract:
    version: int
    timezone: str
    tables: dict[str, Table]

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(f"table {name!r} is not in the extract contract ({CONTRACT_FILE.name})") from None


def _column(raw: dict) -> Column:
    codes = raw.get("codes")
    return Column(
        name=raw["name"],
        type=raw["type"],
        nullable=bool(raw.get("nullable", True)),
        zh=raw.get("zh", ""),
        description=raw.get("description", ""),
        codes={str(k): str(v) for k, v in codes.items()} if codes else None,
        code_table=raw.get("code_table"),
        references=raw.get("references"),
        unit=raw.get("unit"),
    )


@cache
def load_contract(path: Path = CONTRACT_FILE) -> Contract:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    tables = {}
    for name, spec in raw["tables"].items():
        columns = tuple(_column(c) for c in spec["columns"])
        tables[name] = Table(
            name=name,
            name_zh=spec.get("name_zh", ""),
            description=spec.get("description", ""),
            group=spec["group"],
            delivery=spec["delivery"],
            primary_key=tuple(spec.get("primary_key") or ()),
            columns=columns,
            change_column=spec.get("change_column"),
            event_column=spec.get("event_column"),
            timestamp_order=tuple((a, b) for a, b in spec.get("timestamp_order") or ()),
            _by_name={c.name: c for c in columns},
        )
    return Contract(version=int(raw["version"]), timezone=raw["timezone"], tables=tables)
