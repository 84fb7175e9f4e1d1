"""What every part of the generator sees for one business day."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from customs_risk.generator.organisation import Organisation
from customs_risk.generator.presets import Preset


@dataclass(frozen=True)
class DeclarationRef:
    """A compact handle on one generated declaration, for the domains that hang rows off it."""

    entry_id: str
    ie_flag: str
    subordinate_code: str
    district_code: str
    trade_co: str
    agent_code: str
    trade_mode: str
    declare_ts: datetime
    release_ts: datetime | None
    release_officer_id: str | None
    customs_value_cny: Decimal
    tax_total_cny: Decimal
    controlled: bool


@dataclass
class DayContext:
    biz_date: date
    preset: Preset
    seed: int
    org: Organisation
    declarations: list[DeclarationRef] = field(default_factory=list)

    def rng(self, stream: str) -> random.Random:
        """An independent random stream per domain: adding a domain never changes another domain's bytes."""
        return random.Random(f"{stream}-{self.seed}-{self.biz_date.isoformat()}")
