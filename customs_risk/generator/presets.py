"""Volume presets for the generator (rates per source_model.md §14)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    districts: int  # directly-affiliated customs
    subordinates_per_district: int
    officers_per_section: int
    declarations_per_day: int
    max_items_per_declaration: int
    manual_review_rate: float = 0.30
    control_rate: float = 0.045
    import_share: float = 0.35
    # labelled bad cases injected per day and per scenario
    scenarios_per_day: int = 2


PRESETS = {
    "ci": Preset(
        "ci",
        districts=1,
        subordinates_per_district=3,
        officers_per_section=6,
        declarations_per_day=300,
        max_items_per_declaration=5,
    ),
    "district": Preset(
        "district",
        districts=1,
        subordinates_per_district=8,
        officers_per_section=12,
        declarations_per_day=10_000,
        max_items_per_declaration=9,
        scenarios_per_day=10,
    ),
    "national": Preset(
        "national",
        districts=42,
        subordinates_per_district=8,
        officers_per_section=10,
        declarations_per_day=250_000,
        max_items_per_declaration=9,
        scenarios_per_day=100,
    ),
}
