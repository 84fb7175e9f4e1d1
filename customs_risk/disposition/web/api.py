"""The workbench's JSON API and exports: list, detail, act, bulk act (all or nothing), CSV/Excel export."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import psycopg
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from customs_risk.disposition import export, queue, service, store
from customs_risk.disposition.errors import DispositionError
from customs_risk.disposition.permissions import User, permitted_actions
from customs_risk.disposition.transitions import allowed_actions
from customs_risk.disposition.web.context import acting_user, conn, current_user, note_audit
from customs_risk.disposition.web.forms import ActionIn, BulkIn, filters_from
from customs_risk.disposition.workdays import TZ

router = APIRouter()
Db = Annotated[psycopg.Connection, Depends(conn)]
Reader = Annotated[User, Depends(current_user)]
Actor = Annotated[User, Depends(acting_user)]


def _json(row: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


@router.get("/api/alerts")
def list_alerts(request: Request, db: Db, user: Reader) -> dict:
    rows = queue.list_alerts(db, user, filters_from(request.query_params))
    return {"count": len(rows), "alerts": [_json(r) for r in rows]}


@router.get("/api/alerts/{alert_id}")
def alert_detail(alert_id: int, request: Request, db: Db, user: Reader) -> dict:
    note_audit(request, alert_id=alert_id)
    alert = service.visible_alert(db, user, alert_id)
    return {
        "alert": _json(alert),
        "history": [_json(a) for a in store.history(db, alert_id)],
        "next_actions": permitted_actions(user, alert, allowed_actions(alert["status"])),
    }


@router.post("/api/alerts/{alert_id}/actions")
def act(alert_id: int, body: ActionIn, request: Request, db: Db, user: Actor) -> dict:
    note_audit(request, alert_id=alert_id, action=body.action)
    state = service.perform(db, user, alert_id, body.to_request(body.expected_seq))
    return {"alert": _json(state)}


@router.post("/api/bulk")
def bulk(body: BulkIn, request: Request, db: Db, user: Actor) -> dict:
    """The same action on many alerts in one transaction: all applied, or none and the first refusal named."""
    ids = list(dict.fromkeys(body.alert_ids))
    note_audit(request, alert_ids=ids, action=body.action)
    with db.transaction():
        for alert_id in ids:
            try:
                service.perform(db, user, alert_id, body.to_request())
            except DispositionError as err:
                err.context["alert_id"] = alert_id
                err.message = f"预警 {alert_id}: {err.message} — nothing was applied"
                raise
    return {"applied": len(ids), "alert_ids": ids}


@router.get("/export.csv")
def export_csv(request: Request, db: Db, user: Reader) -> Response:
    rows = queue.list_alerts(db, user, filters_from(request.query_params))
    note_audit(request, exported=len(rows))
    return Response(export.to_csv(rows), media_type="text/csv; charset=utf-8", headers=_attachment("csv"))


@router.get("/export.xlsx")
def export_xlsx(request: Request, db: Db, user: Reader) -> Response:
    rows = queue.list_alerts(db, user, filters_from(request.query_params))
    note_audit(request, exported=len(rows))
    return Response(
        export.to_xlsx(rows),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=_attachment("xlsx"),
    )


def _attachment(ext: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="alerts-{datetime.now(TZ):%Y%m%d-%H%M}.{ext}"'}
