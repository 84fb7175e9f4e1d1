-- AP-CLR-017 挂起超期: an entry suspended (SUSPEND step) and neither resumed, deleted nor released since, on the
-- first working day past the limit (WD(suspended, biz_date) = :max_workdays + 1).
{%- set check = {
    'code': 'AP-CLR-017',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '挂起超期',
    'name_en': 'Suspension (挂起) held too long',
    'attribution': 'officer = w.officer_id (who suspended)',
    'params': {'max_workdays': 3},
} %}
{{ config(meta={'check': check}) }}

with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

open_suspensions as (
    select distinct on (suspensions.entry_id)
        suspensions.entry_id,
        suspensions.step_seq,
        suspensions.officer_id,
        suspensions.section_unit_code,
        suspensions.remark,
        coalesce(suspensions.start_ts, suspensions.end_ts) as suspended_ts
    from workflow as suspensions
    where
        suspensions.step_code = 'SUSPEND'
        and not exists (
            select 1 from workflow as later
            where
                suspensions.entry_id = later.entry_id
                and later.step_seq > suspensions.step_seq
                and later.step_code in ('RESUME', 'DELETE', 'RELEASE')
        )
    order by suspensions.entry_id asc, suspensions.step_seq desc
),

overdue as (
    select
        *,
        {{ workdays_between('suspended_ts', biz_date()) }} as workdays_suspended
    from open_suspensions
),

fired as (
    select
        overdue.entry_id as object_id,
        overdue.suspended_ts as event_ts,
        overdue.officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'step_seq', overdue.step_seq,
            'suspended_ts', overdue.suspended_ts,
            'workdays_suspended', overdue.workdays_suspended,
            'section_unit_code', overdue.section_unit_code,
            'remark', overdue.remark
        ) as evidence
    from overdue
    left join declarations on overdue.entry_id = declarations.entry_id
    where overdue.workdays_suspended = {{ check_param(check, 'max_workdays') + 1 }}
)

{{ emit_alerts('fired', check) }}
