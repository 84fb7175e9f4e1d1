-- EX-ASM-003 扣留货物超期: a case whose goods detention started (detention_start_ts) more than max_days days before
-- the business day (local start date + max_days < biz_date) and has not been lifted (detention_released_ts NULL).
-- Charged to the lead officer.
{%- set check = {
    'code': 'EX-ASM-003',
    'module': 'extension',
    'business_line': 'anti_smuggling',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'SMUGGLING_CASE',
    'name_zh': '扣留货物超期',
    'name_en': 'Detained goods held too long',
    'attribution': 'officer = lead_officer_id',
    'params': {'max_days': 365},
} %}
{{ config(meta={'check': check}) }}

with cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
    where
        detention_start_ts is not null
        and detention_released_ts is null
        and {{ local_date('detention_start_ts') }} + {{ check_param(check, 'max_days') }} < {{ biz_date() }}
),

fired as (
    select
        case_id as object_id,
        detention_start_ts as event_ts,
        lead_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'detention_start_ts', detention_start_ts,
            'days_detained', {{ biz_date() }} - {{ local_date('detention_start_ts') }},
            'max_days', {{ check_param(check, 'max_days') }},
            'case_status', status,
            'unit_code', unit_code
        ) as evidence
    from cases
)

{{ emit_alerts('fired', check) }}
