-- EX-SEC-003 请假期间账号操作: an ops_audit_log row or a manual dec_workflow step (end_ts) of :biz_date by an officer
-- at a moment inside one of the officer's roster rows with duty_type 'leave' (ts in [shift_start, shift_end)).
-- A leave row prevails over standing shifts of the same day. One alert per officer and day (object
-- officer|date), charged to the account owner; the count and the first act are in the evidence.
{%- set check = {
    'code': 'EX-SEC-003', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'OFFICER_DAY',
    'name_zh': '请假期间账号操作', 'name_en': 'Account active while officer on leave',
    'attribution': 'officer (account owner)', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with leave as (
    select * from {{ ref('int_officer_shifts') }}
    where duty_type = 'leave' and duty_date between {{ biz_date() }} - 1 and {{ biz_date() }}
),

acts as (
    select
        officer_id,
        event_ts as ts,
        'LOG:' || action as act,
        log_id::text as act_ref
    from {{ ref('stg_raw__ops_audit_log') }}
    where
        {{ local_date('event_ts') }} = {{ biz_date() }}
        and officer_id in (select leave.officer_id from leave)
    union all
    select
        officer_id,
        end_ts as ts,
        'STEP:' || step_code as act,
        entry_id || '#' || step_seq as act_ref
    from {{ ref('stg_raw__dec_workflow') }}
    where
        end_ts is not null
        and {{ local_date('end_ts') }} = {{ biz_date() }}
        and officer_id in (select leave.officer_id from leave)
),

on_leave as (
    select
        acts.*,
        leave.shift_start_ts,
        leave.shift_end_ts
    from acts
    inner join leave
        on
            acts.officer_id = leave.officer_id
            and acts.ts >= leave.shift_start_ts
            and acts.ts < leave.shift_end_ts
),

fired as (
    select
        officer_id || '|' || {{ biz_date() }}::text as object_id,
        min(ts) as event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'n_acts', count(*),
            'leave_start_ts', min(shift_start_ts),
            'leave_end_ts', max(shift_end_ts),
            'first_act', (jsonb_agg(jsonb_build_object('ts', ts, 'act', act, 'ref', act_ref) order by ts) -> 0)
        ) as evidence
    from on_leave
    group by officer_id
)

{{ emit_alerts('fired', check) }}
