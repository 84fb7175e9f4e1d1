-- MA-PT-019 手册有效期超过规定: a processing manual (kind B or C) approved in the window (biz_date - period_days,
-- biz_date] whose validity (valid_until) lies more than max_days after its approval date. Charged to the approver.
{%- set check = {
    'code': 'MA-PT-019',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'MANUAL',
    'name_zh': '手册有效期超过规定',
    'name_en': 'Manual validity set beyond the norm',
    'attribution': 'officer = approver',
    'params': {'period_days': 90, 'max_days': 365},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where manual_kind in ('B', 'C') and {{ in_window(local_date('approve_ts'), check_param(check, 'period_days')) }}
),

fired as (
    select
        manual_no as object_id,
        approve_ts as event_ts,
        approve_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'manual_kind', manual_kind,
            'approve_date', {{ local_date('approve_ts') }},
            'valid_until', valid_until,
            'validity_days', valid_until - {{ local_date('approve_ts') }},
            'max_days', {{ check_param(check, 'max_days') }}
        ) as evidence
    from manuals
    where valid_until - {{ local_date('approve_ts') }} > {{ check_param(check, 'max_days') }}
)

{{ emit_alerts('fired', check) }}
