-- EX-AUD-003 稽查人员曾经办被稽查企业业务: an audit started on the business day whose lead auditor finished a
-- MANUAL_REVIEW, INSPECT or RELEASE step of the audited enterprise's entries (as trade_co) on a day within the
-- audited period [scope_start_date, scope_end_date] (int_roll_officer_handling_daily). Charged to the lead auditor.
{%- set check = {
    'code': 'EX-AUD-003',
    'module': 'extension',
    'business_line': 'post_clearance_audit',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'AUDIT',
    'name_zh': '稽查人员曾经办被稽查企业业务',
    'name_en': 'Auditor previously handled the audited enterprise',
    'attribution': 'officer = lead_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with audits as (
    select * from {{ ref('stg_raw__post_audit') }}
    where start_ts is not null and {{ local_date('start_ts') }} = {{ biz_date() }}
),

handled as (
    select
        a.audit_id,
        sum(h.entries_handled) as entries_handled,
        array_agg(distinct h.step_code order by h.step_code) as steps
    from audits as a
    inner join {{ ref('int_roll_officer_handling_daily') }} as h
        on
            a.lead_officer_id = h.officer_id
            and a.enterprise_code = h.trade_co
            and h.activity_date between a.scope_start_date and a.scope_end_date
    where h.step_code in ('MANUAL_REVIEW', 'INSPECT', 'RELEASE')
    group by 1
),

fired as (
    select
        a.audit_id as object_id,
        a.start_ts as event_ts,
        a.lead_officer_id as officer_id,
        a.enterprise_code,
        jsonb_build_object(
            'scope_start_date', a.scope_start_date,
            'scope_end_date', a.scope_end_date,
            'entries_handled', h.entries_handled,
            'steps', to_jsonb(h.steps)
        ) as evidence
    from audits as a
    inner join handled as h on a.audit_id = h.audit_id
)

{{ emit_alerts('fired', check) }}
