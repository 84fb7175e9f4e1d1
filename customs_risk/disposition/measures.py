"""Minimum disposal measure per colour (domain_notes.md §1.4; EX-DSP-010's ranking)."""

from __future__ import annotations

from customs_risk.disposition.errors import InvalidInput, MeasureTooWeak
from customs_risk.disposition.vocab import COLOUR_ZH, MEASURE_ZH, MEASURES

RANK = {
    "NONE": 0,
    "REMIND_TALK": 1,
    "ADMONISH_TALK": 2,
    "CORRECT_NOTICE": 2,
    "REFER_DISCIPLINE": 3,
    "ORG_HANDLING": 3,
}
MIN_RANK = {"yellow": 1, "orange": 2, "red": 3}


def acceptable(severity: str) -> list[str]:
    return [m for m in MEASURES if RANK[m] >= MIN_RANK[severity]]


def check_measure(severity: str, measure: str | None) -> None:
    """Refuse an unknown measure, or one weaker than the colour requires, saying which ones are enough."""
    if measure not in RANK:
        raise InvalidInput(f"未知处置措施 unknown disposal measure {measure!r}; one of {', '.join(MEASURES)}")
    if RANK[measure] < MIN_RANK[severity]:
        enough = "、".join(f"{m}({MEASURE_ZH[m]})" for m in acceptable(severity))
        raise MeasureTooWeak(
            f"{COLOUR_ZH[severity]}预警的处置措施不得低于: {enough}; {measure}({MEASURE_ZH[measure]}) 过轻"
            f" — a {severity} alert needs at least one of {', '.join(acceptable(severity))}",
            severity=severity,
            measure=measure,
        )
