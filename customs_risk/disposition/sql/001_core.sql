-- 001 风险处置 system of record: reference copies, alerts, the append-only action log.
-- hl is NOT managed by dbt (dbt would drop what it does not know). Applied by disposition.schema.migrate().

-- Reference data copied from the warehouse each night (issue_new_alerts): the workbench never reads dbt
-- relations, which dbt drops and recreates (taking grants and dependent views with them).
create table hl.org_unit (
    unit_code text primary key,
    unit_name_zh text not null,
    unit_level text not null check (unit_level in ('GACC', 'DIRECT', 'SUBORDINATE', 'SECTION')),
    parent_unit_code text,
    business_line text
);

create table hl.officer (
    officer_id text primary key,
    name_zh text not null,
    section_unit_code text,
    title text,
    status text
);

create table hl.work_calendar (
    cal_date date primary key,
    is_workday boolean not null,
    is_holiday boolean not null
);

-- One row per alert: the copy of marts.fct_alert at issue time, or an escalation (a new, linked alert).
-- Immutable: the state lives in the log.
create table hl.alert (
    alert_id bigint generated always as identity primary key,
    alert_key text not null unique,
    check_code text not null,
    check_name_zh text,
    biz_date date not null,
    severity text not null check (severity in ('yellow', 'orange', 'red')),
    object_type text not null,
    object_id text not null,
    event_ts timestamptz,
    enterprise_code text,
    officer_id text,
    post_code text,
    section_unit_code text,
    subordinate_unit_code text,
    direct_customs_code text,
    -- the deepest unit the alert is charged to: visibility is "this unit is in the user's subtree"
    charged_unit_code text,
    evidence jsonb not null default '{}'::jsonb,
    params jsonb not null default '{}'::jsonb,
    parent_alert_id bigint references hl.alert (alert_id),
    -- 0 for an alert as raised; +1 each time an overdue red goes to the next higher unit
    level_shift smallint not null default 0 check (level_shift between 0 and 3),
    escalation_reason text,
    created_ts timestamptz not null default now()
);

create index alert_charged_unit_idx on hl.alert (charged_unit_code);
create index alert_biz_date_idx on hl.alert (biz_date);
create index alert_parent_idx on hl.alert (parent_alert_id);

-- The log. Append-only: nothing is updated or deleted, by anyone (trigger below) and the app role has no
-- UPDATE/DELETE grant at all (004). (alert_id, action_seq) is unique: two people acting on the same state
-- collide and the second is told to reload (optimistic concurrency without UPDATE).
create table hl.alert_action (
    action_id bigint generated always as identity primary key,
    alert_id bigint not null references hl.alert (alert_id),
    action_seq integer not null check (action_seq >= 1),
    action text not null check (action in (
        'ISSUE', 'ACK', 'ASSIGN_VERIFY', 'VERIFY_RESULT', 'DISPOSE', 'FEEDBACK', 'CLOSE', 'REOPEN', 'ESCALATE',
        'REPORT_DISCIPLINE', 'ARCHIVE'
    )),
    actor_officer_id text,
    actor_user text not null,
    actor_role text not null check (actor_role in (
        'system', 'section_chief', 'subordinate_leader', 'supervision', 'discipline', 'officer'
    )),
    ts timestamptz not null default now(),
    -- the deadline this action was due against (NULL for actions without one)
    deadline_ts timestamptz,
    -- the deadline of the step this action opens (what the alert is now waiting for)
    next_deadline_ts timestamptz,
    conclusion text check (conclusion in ('CONFIRMED', 'FALSE_POSITIVE', 'JUSTIFIED')),
    disposal_measure text check (disposal_measure in (
        'NONE', 'REMIND_TALK', 'ADMONISH_TALK', 'CORRECT_NOTICE', 'REFER_DISCIPLINE', 'ORG_HANDLING'
    )),
    assignee_officer_id text,
    note text check (char_length(note) <= 2000),
    document_refs text[] not null default '{}',
    related_alert_id bigint references hl.alert (alert_id),
    detail jsonb not null default '{}'::jsonb,
    unique (alert_id, action_seq),
    check (action <> 'VERIFY_RESULT' or conclusion is not null),
    check (action <> 'DISPOSE' or disposal_measure is not null),
    check (action <> 'ASSIGN_VERIFY' or assignee_officer_id is not null)
);

create index alert_action_ts_idx on hl.alert_action (ts);
create index alert_action_action_idx on hl.alert_action (action, alert_id);

create function hl.forbid_change() returns trigger
language plpgsql as $$
begin
    raise exception 'hl.% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege',
              hint = 'record a new action instead (REOPEN, ESCALATE, ...)';
end;
$$;

create trigger alert_action_append_only
before update or delete on hl.alert_action
for each row execute function hl.forbid_change();

create trigger alert_action_no_truncate
before truncate on hl.alert_action
for each statement execute function hl.forbid_change();

create trigger alert_append_only
before update or delete on hl.alert
for each row execute function hl.forbid_change();

create trigger alert_no_truncate
before truncate on hl.alert
for each statement execute function hl.forbid_change();
