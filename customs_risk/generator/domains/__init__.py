"""Domain generators: one module per source area (tax, processing trade, manifests …), run after the declarations.

Each module defines `generate(ctx: DayContext, out: Emit) -> None`; it writes rows with `out.write(table, row)`
and labels every bad case it injects with `out.label(check_code, object_type, object_id, officer_id, note)`.
Modules run in name order; each draws from its own `ctx.rng(<module name>)` stream.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType


def domain_modules() -> list[ModuleType]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def generators() -> list[tuple[str, Callable]]:
    return [(m.__name__.rsplit(".", 1)[1], m.generate) for m in domain_modules()]
