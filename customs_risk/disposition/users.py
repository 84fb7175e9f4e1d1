"""Workbench users: scrypt password hashes (standard library), authentication, and adding users (owner only)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache

import psycopg
from psycopg.rows import dict_row, tuple_row

from customs_risk.disposition.errors import AuthenticationFailed, InvalidInput
from customs_risk.disposition.permissions import User
from customs_risk.disposition.vocab import ROLES

_N, _R, _P = 2**14, 8, 1  # scrypt cost: ~16 MB, ~50 ms
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    actual = hashlib.scrypt(
        password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p), dklen=len(_unb64(digest))
    )
    return hmac.compare_digest(actual, _unb64(digest))


def load_user(conn: psycopg.Connection, user_name: str) -> User | None:
    row = _user_row(conn, user_name)
    return _user(row) if row and row["active"] else None


def authenticate(conn: psycopg.Connection, user_name: str, password: str) -> User:
    row = _user_row(conn, user_name)
    ok = verify_password(password, row["password_hash"] if row else _dummy_hash())
    if not (row and ok and row["active"]):
        raise AuthenticationFailed("用户名或密码错误 — wrong user name or password")
    return _user(row)


def add_user(
    conn: psycopg.Connection,
    user_name: str,
    password: str,
    unit_code: str,
    roles: list[str],
    officer_id: str | None = None,
    display_name: str | None = None,
) -> None:
    """Create a user (needs the owner connection: the application role cannot write hl.app_user)."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"密码至少 {MIN_PASSWORD} 位 — the password needs at least {MIN_PASSWORD} characters")
    unknown = sorted(set(roles) - set(ROLES))
    if unknown or not roles:
        raise InvalidInput(f"未知角色 unknown roles {unknown}; choose from {', '.join(ROLES)}")
    if not conn.execute("select 1 from hl.org_unit where unit_code = %s", (unit_code,)).fetchone():
        raise InvalidInput(f"机构 {unit_code} 不存在 — unknown unit (is the org tree synchronised?)")
    conn.execute(
        """insert into hl.app_user (user_name, officer_id, display_name, unit_code, roles, password_hash)
           values (%s, %s, %s, %s, %s, %s)""",
        (user_name, officer_id, display_name, unit_code, roles, hash_password(password)),
    )


def add_demo_users(conn: psycopg.Connection, password: str) -> list[str]:
    """One user per seat of the synchronised org tree, for a demo (skips names that exist). Returns those created.

    chief-<section> (the section chief), leader-<subordinate>, sup-<subordinate> (its 监察室 chief),
    sup-<direct> (supervision + discipline), gacc (discipline + supervision).
    """
    with conn.cursor(row_factory=tuple_row) as cur:
        seats = cur.execute(
            """select 'chief-' || unit.unit_code, unit.unit_code, array['section_chief'], chief.officer_id
           from hl.org_unit as unit
           join hl.officer as chief on chief.section_unit_code = unit.unit_code and chief.title = 'section_chief'
           where unit.unit_level = 'SECTION' and coalesce(unit.business_line, '') <> 'supervision'
           union all
           select 'leader-' || unit_code, unit_code, array['subordinate_leader'], null
           from hl.org_unit where unit_level = 'SUBORDINATE'
           union all
           select 'sup-' || unit.unit_code, unit.unit_code, array['supervision'], office_chief.officer_id
           from hl.org_unit as unit
           left join hl.org_unit as office
               on office.parent_unit_code = unit.unit_code and office.business_line = 'supervision'
           left join hl.officer as office_chief
               on office_chief.section_unit_code = office.unit_code and office_chief.title = 'section_chief'
           where unit.unit_level = 'SUBORDINATE'
           union all
           select 'sup-' || unit_code, unit_code, array['supervision', 'discipline'], null
           from hl.org_unit where unit_level = 'DIRECT'
           union all
           select 'gacc', unit_code, array['discipline', 'supervision'], null
           from hl.org_unit where unit_level = 'GACC'
           order by 1"""
        ).fetchall()
    created = []
    hashed = hash_password(password)
    for name, unit, roles, officer in seats:
        inserted = conn.execute(
            """insert into hl.app_user (user_name, officer_id, display_name, unit_code, roles, password_hash)
               values (%s, %s, %s, %s, %s, %s) on conflict do nothing returning user_name""",
            (name, officer, name, unit, roles, hashed),
        ).fetchone()
        if inserted:
            created.append(name)
    return created


def _user_row(conn: psycopg.Connection, user_name: str) -> dict | None:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            """select u.*, coalesce(unit.unit_level, '') as unit_level
               from hl.app_user as u left join hl.org_unit as unit on unit.unit_code = u.unit_code
               where u.user_name = %s""",
            (user_name,),
        ).fetchone()


def _user(row: dict) -> User:
    return User(
        user_name=row["user_name"],
        officer_id=row["officer_id"],
        display_name=row["display_name"],
        unit_code=row["unit_code"],
        unit_level=row["unit_level"],
        roles=tuple(row["roles"]),
    )


@cache
def _dummy_hash() -> str:
    """Checked against when the user is unknown, so that costs as much time as a wrong password."""
    return hash_password(secrets.token_hex(8))


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode())
