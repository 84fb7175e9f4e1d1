"""The workbench's HTML pages: sign in/out, the queue, an alert with its evidence, history and next actions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import psycopg
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from customs_risk.disposition import queue, service, store, users
from customs_risk.disposition.errors import AuthenticationFailed
from customs_risk.disposition.measures import acceptable
from customs_risk.disposition.permissions import User, permitted_actions
from customs_risk.disposition.transitions import allowed_actions
from customs_risk.disposition.vocab import (
    ACTION_ZH,
    COLOUR_ZH,
    CONCLUSION_ZH,
    LEVEL_ZH,
    MEASURE_ZH,
    ROLE_ZH,
    STATUS_ZH,
)
from customs_risk.disposition.web.context import base, conn, current_user, note_audit, session
from customs_risk.disposition.web.forms import filters_from
from customs_risk.disposition.web.session import COOKIE, MAX_AGE_S, codec_for
from customs_risk.disposition.workdays import TZ, show_deadline

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(
    ACTION_ZH=ACTION_ZH,
    COLOUR_ZH=COLOUR_ZH,
    CONCLUSION_ZH=CONCLUSION_ZH,
    MEASURE_ZH=MEASURE_ZH,
    ROLE_ZH=ROLE_ZH,
    STATUS_ZH=STATUS_ZH,
    LEVEL_ZH=LEVEL_ZH,
)
templates.env.filters["local"] = lambda ts: ts.astimezone(TZ).strftime("%Y-%m-%d %H:%M") if ts else ""
templates.env.filters["deadline"] = show_deadline
templates.env.filters["pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=2, default=str)
Db = Annotated[psycopg.Connection, Depends(conn)]
Reader = Annotated[User, Depends(current_user)]


def _page(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {"base": base(request), "csrf": getattr(request.state, "csrf", ""), **context}, status_code
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html")


@router.post("/login")
def login(
    request: Request,
    db: Db,
    username: Annotated[str, Form(max_length=40)],
    password: Annotated[str, Form(max_length=200)],
) -> Response:
    request.state.user_name = username
    try:
        user = users.authenticate(db, username, password)
    except AuthenticationFailed as err:
        note_audit(request, error=err.code)
        return _page(request, "login.html", status_code=401, error=err.message, username=username)
    cookie, _ = codec_for(request.app.state).issue(user.user_name)
    response = RedirectResponse(f"{base(request)}/", status_code=303)
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=MAX_AGE_S,
        path=f"{base(request)}/",
        httponly=True,
        samesite="strict",
        secure=request.app.state.secure_cookies,
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    s = session(request)
    response = RedirectResponse(f"{base(request)}/login", status_code=303)
    if s and s.csrf == csrf:
        request.state.user_name = s.user_name
        response.delete_cookie(COOKIE, path=f"{base(request)}/")
    return response


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request, db: Db, user: Reader) -> HTMLResponse:
    filters = filters_from(request.query_params)
    rows = queue.list_alerts(db, user, filters)
    query = str(request.query_params)
    return _page(
        request,
        "queue.html",
        user=user,
        rows=rows,
        filters=filters,
        query=query,
        statuses=list(STATUS_ZH),
        max_rows=queue.MAX_ROWS,
    )


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
def alert_page(alert_id: int, request: Request, db: Db, user: Reader) -> HTMLResponse:
    note_audit(request, alert_id=alert_id)
    alert = service.visible_alert(db, user, alert_id)
    return _page(
        request,
        "alert.html",
        user=user,
        alert=alert,
        history=store.history(db, alert_id),
        next_actions=permitted_actions(user, alert, allowed_actions(alert["status"])),
        measures=acceptable(alert["severity"]),
    )
