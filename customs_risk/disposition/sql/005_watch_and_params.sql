-- 005 我的关注 (my watch) subscriptions and the history of check thresholds (EX-SEC-007).

-- One row per subscription of a Superset user (user_name = the Superset login, not necessarily an hl.app_user):
-- a check (check_code; NULL = every check) restricted to a scope — OFFICER / ENTERPRISE / UNIT / HS (an HS code
-- prefix) = scope_value — or the whole check (scope_type CHECK, scope_value NULL). param_overrides are merged over
-- the check's parameters for this user (MW-001). Preferences, not records: users add and remove them.
create table hl.user_watch (
    watch_id bigint generated always as identity primary key,
    user_name text not null check (user_name ~ '^[A-Za-z0-9_.@-]{2,64}$'),
    check_code text,
    scope_type text not null check (scope_type in ('CHECK', 'OFFICER', 'ENTERPRISE', 'UNIT', 'HS')),
    scope_value text,
    param_overrides jsonb not null default '{}'::jsonb check (jsonb_typeof(param_overrides) = 'object'),
    note text check (char_length(note) <= 500),
    created_ts timestamptz not null default now(),
    check ((scope_type = 'CHECK') = (scope_value is null)),
    check (scope_type <> 'CHECK' or check_code is not null)
);

create unique index user_watch_unique_idx
on hl.user_watch (user_name, coalesce(check_code, ''), scope_type, coalesce(scope_value, ''));
create index user_watch_scope_idx on hl.user_watch (scope_type, scope_value);

-- Threshold history: every change of a check parameter (site-wide, or for one unit) is one appended row; the
-- effective value of (check_code, param_name, unit) is the latest row valid at a moment. A change is itself a
-- monitored event (EX-SEC-007: no approval number, or narrowing a check that alerted on the changer).
create table hl.check_param (
    change_id bigint generated always as identity primary key,
    check_code text not null,
    param_name text not null,
    scope_unit_code text,
    old_value jsonb,
    new_value jsonb not null,
    valid_from timestamptz not null,
    changed_by text not null,
    changed_by_officer_id text,
    approval_no text,
    note text check (char_length(note) <= 2000),
    changed_ts timestamptz not null default now()
);

create index check_param_check_idx on hl.check_param (check_code, param_name, valid_from);
create index check_param_changed_idx on hl.check_param (changed_ts);

create trigger check_param_append_only
before update or delete on hl.check_param
for each row execute function hl.forbid_change();

create trigger check_param_no_truncate
before truncate on hl.check_param
for each statement execute function hl.forbid_change();

grant select, insert, delete on hl.user_watch to hl_app;
grant select, insert on hl.check_param to hl_app;
