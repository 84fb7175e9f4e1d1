-- 002 the workbench's users and the audit of every request (web and CLI).

-- unit_code is the root of the subtree the user oversees (a subordinate customs' supervision office
-- oversees that subordinate customs, so its staff get the subordinate unit, not the 监察室 section).
create table hl.app_user (
    user_name text primary key check (user_name ~ '^[A-Za-z0-9_.-]{2,40}$'),
    officer_id text,
    display_name text,
    unit_code text not null,
    roles text[] not null check (
        cardinality(roles) >= 1
        and roles <@ array[
            'section_chief', 'subordinate_leader', 'supervision', 'discipline', 'functional_dept', 'officer'
        ]::text[]
    ),
    password_hash text not null,
    active boolean not null default true,
    created_ts timestamptz not null default now()
);

create unique index app_user_officer_idx on hl.app_user (officer_id) where officer_id is not null;

create table hl.request_audit (
    audit_id bigint generated always as identity primary key,
    ts timestamptz not null default now(),
    channel text not null check (channel in ('web', 'cli', 'system')),
    user_name text,
    method text,
    path text not null,
    query text,
    status_code integer,
    client_addr text,
    duration_ms integer,
    detail jsonb not null default '{}'::jsonb
);

create index request_audit_ts_idx on hl.request_audit (ts);
create index request_audit_user_idx on hl.request_audit (user_name, ts);

create trigger request_audit_append_only
before update or delete on hl.request_audit
for each row execute function hl.forbid_change();

create trigger request_audit_no_truncate
before truncate on hl.request_audit
for each statement execute function hl.forbid_change();
