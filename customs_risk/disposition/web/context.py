"""Per-request context: the database connection (opened by the audit middleware), the signed-in user, CSRF."""

from __future__ import annotations

import hmac

import psycopg
from fastapi import Request

from customs_risk.disposition import users
from customs_risk.disposition.errors import DispositionError
from customs_risk.disposition.permissions import User
from customs_risk.disposition.web.session import COOKIE, Session, codec_for


class NotSignedIn(DispositionError):
    code = "not_signed_in"
    http_status = 401


class CsrfFailed(DispositionError):
    code = "csrf_failed"
    http_status = 403


def conn(request: Request) -> psycopg.Connection:
    return request.state.conn


def base(request: Request) -> str:
    """The prefix the app is mounted under ('' standalone, '/disposition' inside Airflow)."""
    return request.scope.get("root_path", "").rstrip("/")


def session(request: Request) -> Session | None:
    return codec_for(request.app.state).read(request.cookies.get(COOKIE))


def current_user(request: Request) -> User:
    """The signed-in user, reloaded from hl.app_user on every request (a deactivated user is out at once)."""
    s = session(request)
    user = users.load_user(conn(request), s.user_name) if s else None
    if user is None:
        raise NotSignedIn("请先登录 — please sign in")
    request.state.user_name = user.user_name
    request.state.csrf = s.csrf
    return user


def acting_user(request: Request) -> User:
    """The signed-in user, for a request that changes something: the CSRF header must match the session."""
    user = current_user(request)
    sent = request.headers.get("x-csrf-token", "")
    if not hmac.compare_digest(sent, request.state.csrf):
        raise CsrfFailed("请求来源校验失败,请刷新页面 — missing or wrong CSRF token; reload the page")
    return user


def note_audit(request: Request, **detail: object) -> None:
    request.state.audit_detail.update(detail)
