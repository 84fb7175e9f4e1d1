"""Clearance events that hang off the day's declarations: officers' declared interests and modification requests.

* `officer_conflict_declaration` (回避申报): the full snapshot every day (a reference table), from
  `clearance.declared_conflicts`; the declarations of the day never let a declared officer handle that enterprise
  except in the AP-CLR-020 scenarios, which `clearance.py` builds.
* `dec_modify_apply` (改单/删单申请): about 2 % of the day's released entries get a modification request, decided the
  same day: before release (description fields), or after release for reasons that need no prompt (export
  shut-out or conveyance change, 01) or fields that change no duty (contract number). The AP-CLR-006 scenarios
  are approved post-release changes of the declared price for an input error (07).

Late-declaration fees (DECLARE_LATE, fee ids `DL…`), inspection reassignments and the aged modification request
of AP-CLR-015 are written by `clearance.py`, which knows the declaration they belong to.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from customs_risk.generator.clearance import AGED_SEQ, TZ, build_world, day_plan, declared_conflicts

if TYPE_CHECKING:
    from customs_risk.generator.clearance import Emit
    from customs_risk.generator.context import DayContext, DeclarationRef

MODIFY_RATE = 0.02
OTHER_ENGINEERS_SEQ = 600_000  # entries from 600000 on belong to other domain modules


def _approver(ctx: DayContext, avoid: frozenset[str], ref: DeclarationRef, rng) -> str:
    section = ctx.org.section_for(ref.subordinate_code, "clearance", "REVIEW")
    return rng.choice([o.officer_id for o in section.officers["REVIEW"] if o.officer_id not in avoid])


def _apply(ref: DeclarationRef, approver: str, apply_ts, accept_ts, decision_ts, decision, reason, fields, after):
    return {
        "apply_id": f"MA{ref.entry_id}",
        "entry_id": ref.entry_id,
        "apply_type": "MODIFY",
        "initiator": "ENTERPRISE",
        "reason_code": reason,
        "apply_ts": apply_ts,
        "accept_ts": accept_ts,
        "approve_officer_id": approver,
        "decision": decision,
        "decision_ts": decision_ts,
        "after_release": after,
        "fields_changed": fields,
        "last_update_ts": decision_ts,
    }


def generate(ctx: DayContext, out: Emit) -> None:
    for row in declared_conflicts(ctx.org, ctx.seed):
        out.write("officer_conflict_declaration", row)

    rng = ctx.rng("clearance_events")
    world = build_world(ctx.org, ctx.preset, ctx.seed)
    scenario_seqs = set(day_plan(world, ctx.biz_date))
    late_evening = datetime.combine(ctx.biz_date, time(22, 0), TZ)
    candidates = [
        d
        for d in ctx.declarations
        if d.release_ts is not None
        and not d.controlled
        and int(d.entry_id[-6:]) < min(OTHER_ENGINEERS_SEQ, AGED_SEQ)
        and int(d.entry_id[-6:]) not in scenario_seqs
    ]
    n_scenarios = max(1, ctx.preset.scenarios_per_day // 2)
    early = [d for d in candidates if d.release_ts + timedelta(hours=5) < late_evening]
    scenario_refs = rng.sample(early, k=min(n_scenarios, len(early)))
    chosen = {d.entry_id for d in scenario_refs}
    for ref in scenario_refs:  # AP-CLR-006: the declared price changed after release for an "input error"
        avoid = world.avoid.get(ref.trade_co, frozenset()) | world.avoid.get(ref.agent_code, frozenset())
        approver = _approver(ctx, avoid, ref, rng)
        apply_ts = ref.release_ts + timedelta(minutes=rng.uniform(30, 90))
        accept_ts = apply_ts + timedelta(minutes=rng.uniform(5, 20))
        decision_ts = accept_ts + timedelta(minutes=rng.uniform(30, 120))
        fields = ["decl_price", "decl_total"]
        out.write(
            "dec_modify_apply",
            _apply(ref, approver, apply_ts, accept_ts, decision_ts, "APPROVED", "07", fields, True),
        )
        out.label("AP-CLR-006", "MODIFY_APPLY", f"MA{ref.entry_id}", approver, "price changed after release (07)")
    for ref in candidates:
        if ref.entry_id in chosen or rng.random() >= MODIFY_RATE:
            continue
        avoid = world.avoid.get(ref.trade_co, frozenset()) | world.avoid.get(ref.agent_code, frozenset())
        approver = _approver(ctx, avoid, ref, rng)
        if rng.random() < 0.5:  # before release: a description field, decided before the release
            span = ref.release_ts - ref.declare_ts
            apply_ts = ref.declare_ts + span * rng.uniform(0.2, 0.4)
            accept_ts = apply_ts + span * 0.1
            decision_ts = apply_ts + span * 0.3
            decision = "APPROVED" if rng.random() < 0.8 else "REJECTED"
            row = _apply(ref, approver, apply_ts, accept_ts, decision_ts, decision, "07", ["g_model"], False)
        else:
            apply_ts = ref.release_ts + timedelta(minutes=rng.uniform(30, 120))
            accept_ts = apply_ts + timedelta(minutes=rng.uniform(5, 20))
            decision_ts = accept_ts + timedelta(minutes=rng.uniform(30, 120))
            if decision_ts > late_evening:
                continue
            reason, fields = ("01", ["traf_name", "voyage_no"]) if ref.ie_flag == "E" else ("07", ["contract_no"])
            row = _apply(ref, approver, apply_ts, accept_ts, decision_ts, "APPROVED", reason, fields, True)
        out.write("dec_modify_apply", row)
