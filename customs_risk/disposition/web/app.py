"""The disposition workbench (处置工作台): a FastAPI app, served inside the Airflow API server at /disposition
(plugins/disposition_workbench.py) or on its own (`customs-risk dispose serve`).

Every request — pages, API, exports, static files, failed logins — is written to hl.request_audit by the
middleware below; if the audit cannot be written the request fails (500) rather than go unrecorded.
Creating the app has no side effects (no database, no files): Airflow imports plugins in every process.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from customs_risk.disposition import audit
from customs_risk.disposition.db import app_url, connect_app
from customs_risk.disposition.errors import DispositionError
from customs_risk.disposition.web import api, pages
from customs_risk.disposition.web.context import NotSignedIn, base

STATIC = Path(__file__).parent / "static"


def create_app(db_url: str | None = None, *, secure_cookies: bool | None = None) -> FastAPI:
    app = FastAPI(
        title="风险处置工作台 Disposition workbench",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # no public schema: everything but /login and /healthz needs a session
    )
    app.state.db_url = db_url
    app.state.secure_cookies = (
        secure_cookies if secure_cookies is not None else os.environ.get("CR_WEB_SECURE_COOKIE") == "1"
    )
    app.include_router(pages.router)
    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True}

    app.middleware("http")(_audit_every_request)
    app.add_exception_handler(DispositionError, _domain_error)
    app.add_exception_handler(RequestValidationError, _invalid_input)
    return app


async def _audit_every_request(request: Request, call_next) -> Response:
    started = time.monotonic()
    request.state.audit_detail = {}
    request.state.user_name = None
    try:
        db = await run_in_threadpool(connect_app, request.app.state.db_url or app_url())
    except psycopg.OperationalError:
        return JSONResponse({"error": "database_unavailable", "message": "数据库不可用 database unavailable"}, 503)
    request.state.conn = db
    status = 500
    try:
        response = await call_next(request)
        status = response.status_code
    finally:
        try:
            await run_in_threadpool(
                audit.record,
                db,
                channel="web",
                user_name=request.state.user_name,
                method=request.method,
                path=request.url.path,
                query=request.url.query,
                status_code=status,
                client_addr=request.client.host if request.client else None,
                duration_ms=int((time.monotonic() - started) * 1000),
                detail=request.state.audit_detail,
            )
        except psycopg.Error:
            response = JSONResponse(
                {"error": "audit_failed", "message": "审计记录失败 the audit could not be written"}, 500
            )
        finally:
            await run_in_threadpool(db.close)
    return response


def _wants_html(request: Request) -> bool:
    path = request.url.path[len(base(request)) :] or "/"
    return request.method == "GET" and (path == "/" or path.startswith("/alerts/"))


async def _domain_error(request: Request, err: DispositionError) -> Response:
    request.state.audit_detail["error"] = err.code
    if _wants_html(request):
        if isinstance(err, NotSignedIn):
            return RedirectResponse(f"{base(request)}/login", status_code=303)
        return pages._page(request, "error.html", status_code=err.http_status, error=err)
    return JSONResponse(err.as_dict(), status_code=err.http_status)


async def _invalid_input(request: Request, err: RequestValidationError) -> Response:
    problems = [f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}" for e in err.errors()]
    request.state.audit_detail["error"] = "invalid_input"
    return JSONResponse(
        {
            "error": "invalid_input",
            "message": "输入有误 invalid input — " + "; ".join(problems),
            "detail": [{"loc": list(e["loc"]), "msg": e["msg"]} for e in err.errors()],
        },
        status_code=422,
    )
