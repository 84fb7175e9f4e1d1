"""The hl schema on a real PostgreSQL: migrations, the append-only log and the application role's limits."""

from __future__ import annotations

import psycopg
import pytest

from customs_risk.disposition import schema

pytestmark = pytest.mark.integration


def test_migrate_is_idempotent_and_recorded(owner):
    assert schema.migrate(owner) == []
    recorded = [r[0] for r in owner.execute("select name from hl.schema_migrations order by version")]
    assert recorded == [m.name for m in schema.migrations()]


def test_an_edited_migration_is_refused(owner):
    owner.execute("update hl.schema_migrations set checksum = 'x' where version = '001'")
    with pytest.raises(schema.MigrationError, match=r"001_core\.sql was changed"):
        schema.migrate(owner)


def test_state_is_derived_from_the_log(owner, alert_ids):
    row = owner.execute(
        "select status, last_seq, due_ts is not null from hl.alert_state where alert_id = %s",
        (alert_ids["k-yellow"],),
    ).fetchone()
    assert row == ("OPEN", 1, True)
    assert "status" not in [
        r[0]
        for r in owner.execute(
            "select column_name from information_schema.columns where table_schema = 'hl' and table_name = 'alert'"
        )
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "update hl.alert_action set note = 'rewritten'",
        "delete from hl.alert_action",
        "truncate hl.alert_action",
        "update hl.alert set severity = 'yellow'",
        "delete from hl.alert",
        "update hl.request_audit set path = '/'",
        "delete from hl.request_audit",
        "update hl.app_user set roles = '{discipline}'",
        "insert into hl.app_user (user_name, unit_code, roles, password_hash) values ('mallory', 'GACC',"
        " '{discipline}', 'x')",
    ],
)
def test_the_app_role_cannot_rewrite_history(app, statement):
    assert app.execute("select current_user").fetchone()["current_user"] == "hl_app"
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):  # the GRANTs, not the trigger
        app.execute(statement)
    app.rollback()


def test_the_app_role_can_append_and_read(app, alert_ids):
    app.execute(
        "insert into hl.alert_action (alert_id, action_seq, action, actor_user, actor_role)"
        " values (%s, 2, 'ACK', 'chief01', 'section_chief')",
        (alert_ids["k-yellow"],),
    )
    assert (
        app.execute("select status from hl.alert_state where alert_id = %s", (alert_ids["k-yellow"],)).fetchone()[
            "status"
        ]
        == "ACKED"
    )
    app.rollback()


@pytest.mark.parametrize(
    "statement", ["update hl.alert_action set note = 'x'", "delete from hl.alert_action", "truncate hl.alert_action"]
)
def test_even_the_owner_cannot_update_or_delete_the_log(owner, statement):
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        owner.execute(statement)


def test_a_note_longer_than_2000_characters_is_refused_by_the_database(owner, alert_ids):
    with pytest.raises(psycopg.errors.CheckViolation):
        owner.execute(
            "insert into hl.alert_action (alert_id, action_seq, action, actor_user, actor_role, note)"
            " values (%s, 2, 'ACK', 'x', 'section_chief', repeat('a', 2001))",
            (alert_ids["k-yellow"],),
        )


def test_two_actions_on_the_same_state_collide(owner, alert_ids):
    insert = (
        "insert into hl.alert_action (alert_id, action_seq, action, actor_user, actor_role)"
        " values (%s, 2, 'ACK', %s, 'section_chief')"
    )
    owner.execute(insert, (alert_ids["k-yellow"], "a"))
    with pytest.raises(psycopg.errors.UniqueViolation):
        owner.execute(insert, (alert_ids["k-yellow"], "b"))
