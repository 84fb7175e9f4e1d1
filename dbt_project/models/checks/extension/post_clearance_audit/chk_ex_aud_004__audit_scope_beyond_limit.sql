-- EX-AUD-004 稽查范围超出法定时效: an audit noticed on the business day whose scope starts more than `years` years before
-- the notice date, unless it is an audit limited to bonded or exempt goods still under supervision (audit_type
-- BONDED_EXEMPT). Charged to the lead auditor.
{%- set check = {
    'code': 'EX-AUD-004',
    'module': 'extension',
    'business_line': 'post_clearance_audit',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'AUDIT',
    'name_zh': '稽查范围超出法定时效',
    'name_en': 'Audit scope beyond the three-year limit',
    'attribution': 'officer = lead_officer_id',
    'params': {'years': 3},
} %}
{{ config(meta={'check': check}) }}

with audits as (
    select * from {{ ref('stg_raw__post_audit') }}
    where
        {{ local_date('notice_ts') }} = {{ biz_date() }}
        and audit_type <> 'BONDED_EXEMPT'
        and scope_start_date < {{ local_date('notice_ts') }} - interval '{{ check_param(check, "years") }} years'
),

fired as (
    select
        audit_id as object_id,
        notice_ts as event_ts,
        lead_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'audit_type', audit_type,
            'scope_start_date', scope_start_date,
            'scope_end_date', scope_end_date,
            'limit_date', ({{ local_date('notice_ts') }} - interval '{{ check_param(check, "years") }} years')::date
        ) as evidence
    from audits
)

{{ emit_alerts('fired', check) }}
