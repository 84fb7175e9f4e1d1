"""Who sees what in Superset: roles and row-level security derived from the disposition users (hl.app_user).

One source of truth for "which units does this person oversee": hl.app_user.unit_code (the root of the user's
subtree) and hl.org_unit. For every unit that has users, a role `单位 <code>` carries one RLS filter on every
dataset that has the unit column of that level; GACC users get no filter. Every user also gets the built-in
Gamma role (menus, CSV/Excel export) and `预警查看 Alert viewer` (read access to this project's datasets).
Superset users share the user names of the workbench; their password is CR_SUPERSET_USER_PASSWORD for a loopback
demo (a deployment points Superset's AUTH_TYPE at the same directory instead).
"""

from __future__ import annotations

import os

from sqlalchemy import create_engine, text

VIEWER_ROLE = "预警查看 Alert viewer"
# Not cut by unit: about no unit at all, or already cut to the logged-in user (my_watch).
PUBLIC_DATASETS = {"rpt_night_status", "my_watch"}
LEVEL_COLUMN = {"DIRECT": "direct_customs_code", "SUBORDINATE": "subordinate_unit_code", "SECTION": "section_unit_code"}


def org_users(uri: str) -> list[dict]:
    """Active workbench users with the level of the unit they oversee."""
    with create_engine(uri).connect() as conn:
        if not conn.execute(text("select to_regclass('hl.app_user')")).scalar():
            return []
        rows = conn.execute(
            text(
                """select u.user_name, coalesce(u.display_name, u.user_name) as display_name, u.unit_code,
                          unit.unit_level
                   from hl.app_user as u join hl.org_unit as unit on unit.unit_code = u.unit_code
                   where u.active order by u.user_name"""
            )
        )
        return [dict(r._mapping) for r in rows]


def unit_clause(level: str, unit_code: str) -> str | None:
    column = LEVEL_COLUMN.get(level)
    return None if column is None else f"{column} = '{unit_code}'"


def sync_access(uri: str, security_manager, db) -> None:
    """Create or update the viewer role, one role + RLS filter per overseen unit, and the users. Idempotent."""
    from superset.connectors.sqla.models import RowLevelSecurityFilter, SqlaTable
    from superset.utils.core import RowLevelSecurityFilterType

    datasets = db.session.query(SqlaTable).filter(SqlaTable.schema == "marts").all()
    viewer = security_manager.add_role(VIEWER_ROLE)
    for ds in datasets:
        pv = security_manager.add_permission_view_menu("datasource_access", ds.perm)
        security_manager.add_permission_role(viewer, pv)
    gamma = security_manager.find_role("Gamma")
    password = os.environ.get("CR_SUPERSET_USER_PASSWORD", "demo-disposition")
    users = org_users(uri)
    for user in users:
        roles = [gamma, viewer]
        clause = unit_clause(user["unit_level"], user["unit_code"])
        if clause is not None:
            role = security_manager.add_role(f"单位 {user['unit_code']}")
            roles.append(role)
            column = LEVEL_COLUMN[user["unit_level"]]
            scoped = [ds for ds in datasets if column in {c.column_name for c in ds.columns}]
            # a dataset that cannot be cut to the unit shows nothing, unless it is about no unit at all
            unscoped = [ds for ds in datasets if ds not in scoped and ds.table_name not in PUBLIC_DATASETS]
            for name, tables, where in [(f"org-{user['unit_code']}", scoped, clause),
                                        (f"org-{user['unit_code']}-none", unscoped, "1 = 0")]:  # fmt: skip
                rls = db.session.query(RowLevelSecurityFilter).filter_by(name=name).one_or_none()
                if rls is None:
                    rls = RowLevelSecurityFilter(name=name, filter_type=RowLevelSecurityFilterType.REGULAR)
                    db.session.add(rls)
                rls.description = f"{user['unit_code']} 及下级单位 only"
                rls.clause, rls.group_key, rls.tables, rls.roles = where, None, tables, [role]
        existing = security_manager.find_user(username=user["user_name"])
        if existing is None:
            security_manager.add_user(
                user["user_name"], user["display_name"], user["unit_code"], f"{user['user_name']}@localhost",
                roles, password=password,
            )  # fmt: skip
        else:
            existing.roles = roles
    db.session.commit()
    print(f"access: {len(users)} users, {len(datasets)} datasets scoped by organisation unit")
