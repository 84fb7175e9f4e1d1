"""Errors a user can act on: a stable code, a message in Chinese and English, and the HTTP status it maps to."""

from __future__ import annotations


class DispositionError(Exception):
    code = "invalid"
    http_status = 422

    def __init__(self, message: str, **context: object) -> None:
        super().__init__(message)
        self.message = message
        self.context = context

    def as_dict(self) -> dict:
        return {"error": self.code, "message": self.message, **{k: str(v) for k, v in self.context.items()}}


class InvalidInput(DispositionError):
    code = "invalid_input"
    http_status = 422


class IllegalTransition(DispositionError):
    code = "illegal_transition"
    http_status = 409


class MeasureTooWeak(DispositionError):
    code = "measure_too_weak"
    http_status = 422


class NotPermitted(DispositionError):
    code = "not_permitted"
    http_status = 403


class NotVisible(DispositionError):
    code = "not_visible"
    http_status = 403


class UnknownAlert(DispositionError):
    code = "unknown_alert"
    http_status = 404


class ConcurrentChange(DispositionError):
    code = "concurrent_change"
    http_status = 409


class AuthenticationFailed(DispositionError):
    code = "authentication_failed"
    http_status = 401
