-- EX-AUD-002 稽查发现税款未及时补征: an audit reported with finding TAX_DUE or VIOLATION and tax_due_cny > 0, for which no
-- tax_supplement cites the audit (related_audit_id) by the end of the business day, when the business day is the
-- first day after the days-long assessment period (report date + days = biz_date - 1). Charged to the lead auditor.
{%- set check = {
    'code': 'EX-AUD-002',
    'module': 'extension',
    'business_line': 'post_clearance_audit',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'AUDIT',
    'name_zh': '稽查发现税款未及时补征',
    'name_en': 'Audit tax finding not assessed in time',
    'attribution': 'officer = lead_officer_id; tax section',
    'params': {'days': 30},
} %}
{{ config(meta={'check': check}) }}

with audits as (
    select * from {{ ref('stg_raw__post_audit') }}
    where
        finding in ('TAX_DUE', 'VIOLATION')
        and tax_due_cny > 0
        and report_ts is not null
        and {{ local_date('report_ts') }} + {{ check_param(check, 'days') }} = {{ biz_date() }} - 1
),

supplements as (
    select * from {{ ref('stg_raw__tax_supplement') }}
    where related_audit_id is not null and decide_ts <= {{ end_of_biz_date() }}
),

fired as (
    select
        a.audit_id as object_id,
        a.report_ts as event_ts,
        a.lead_officer_id as officer_id,
        a.enterprise_code,
        jsonb_build_object(
            'finding', a.finding,
            'tax_due_cny', a.tax_due_cny,
            'report_ts', a.report_ts,
            'days', {{ check_param(check, 'days') }}
        ) as evidence
    from audits as a
    where not exists (
        select 1 from supplements as s
        where s.related_audit_id = a.audit_id
    )
)

{{ emit_alerts('fired', check) }}
