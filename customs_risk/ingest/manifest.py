"""Reading and checking `manifest.json` against the contract before anything is loaded."""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from customs_risk.contract import Contract
from customs_risk.ingest.errors import ExtractError

MANIFEST = "manifest.json"
ENCODINGS = {"utf-8": "UTF8", "utf8": "UTF8", "gbk": "GBK", "gb18030": "GB18030"}


@dataclass(frozen=True)
class ManifestEntry:
    table: str
    path: Path
    encoding: str  # Python codec name
    rows: int
    sha256: str

    @property
    def pg_encoding(self) -> str:
        return ENCODINGS[self.encoding]


@dataclass(frozen=True)
class Manifest:
    biz_date: date
    entries: list[ManifestEntry]


def read_manifest(day_dir: Path, contract: Contract) -> Manifest:
    path = day_dir / MANIFEST
    if not path.exists():
        raise ExtractError(str(path), "manifest-present", "no manifest.json: the day is not complete yet")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        biz_date = date.fromisoformat(raw["business_date"])
        tables = raw["tables"]
    except (ValueError, KeyError, TypeError) as err:
        raise ExtractError(str(path), "manifest-format", f"unreadable manifest: {err}") from err
    if biz_date.isoformat() != day_dir.name:
        raise ExtractError(str(path), "manifest-date", f"business_date {biz_date} does not match folder {day_dir.name}")
    entries = []
    for i, t in enumerate(tables, start=1):
        name = t.get("table")
        if name not in contract.tables:
            raise ExtractError(str(path), "manifest-table", f"entry {i}: table {name!r} is not in the contract")
        enc = str(t.get("encoding", "utf-8")).lower()
        if enc not in ENCODINGS:
            raise ExtractError(
                str(path), "manifest-encoding", f"{name}: encoding {enc!r} not one of {sorted(ENCODINGS)}"
            )
        entries.append(ManifestEntry(name, day_dir / t["file"], codecs.lookup(enc).name, int(t["rows"]), t["sha256"]))
    missing = set(contract.tables) - {e.table for e in entries}
    if missing:
        raise ExtractError(str(path), "manifest-complete", f"tables missing from the manifest: {sorted(missing)}")
    return Manifest(biz_date, entries)
