"""The login session: a signed, time-limited cookie (itsdangerous) carrying the user name and a CSRF token.

The secret is CR_WEB_SECRET, or a random one generated once into <state>/disposition/web_secret (mode 0600), so
sessions survive a restart and every server process of one installation agrees.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from customs_risk.config import Settings

COOKIE = "hl_session"
MAX_AGE_S = 8 * 3600  # a working day


@dataclass(frozen=True)
class Session:
    user_name: str
    csrf: str


def secret() -> str:
    explicit = os.environ.get("CR_WEB_SECRET")
    if explicit:
        return explicit
    path = Settings.from_env().state_dir / "disposition" / "web_secret"
    if not path.exists():
        _create_secret(path)
    return path.read_text().strip()


def _create_secret(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its secret
        return
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(48))


class SessionCodec:
    def __init__(self, key: str) -> None:
        self._serializer = URLSafeTimedSerializer(key, salt="hl-workbench-session")

    def issue(self, user_name: str) -> tuple[str, Session]:
        session = Session(user_name, secrets.token_urlsafe(24))
        return self._serializer.dumps({"u": session.user_name, "c": session.csrf}), session

    def read(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=MAX_AGE_S)
        except (BadSignature, SignatureExpired):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), str) or not isinstance(data.get("c"), str):
            return None
        return Session(data["u"], data["c"])


def codec_for(state: object) -> SessionCodec:
    """The app's codec, created on first use (reading or generating the secret then, not at import)."""
    codec = getattr(state, "sessions", None)
    if codec is None:
        codec = SessionCodec(secret())
        state.sessions = codec  # type: ignore[attr-defined]
    return codec
