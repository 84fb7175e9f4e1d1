-- MA-ASM-003 罚款低于法定下限: a VIOLATION case closed in the window (biz_date - period_days, biz_date] (local
-- closing date) with decision PENALTY, evaded tax > 0, and a fine (NULL = 0) below min_ratio × evaded tax
-- (违规影响税款征收: 30 %–200 % of the tax at stake). Charged to the lead officer; the approver is in evidence.
{%- set check = {
    'code': 'MA-ASM-003',
    'module': 'monitor_analysis',
    'business_line': 'anti_smuggling',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'SMUGGLING_CASE',
    'name_zh': '罚款低于法定下限',
    'name_en': 'Fine below the legal minimum',
    'attribution': 'officer = lead_officer_id; approver',
    'params': {'period_days': 90, 'min_ratio': 0.3},
} %}
{{ config(meta={'check': check}) }}

with cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
    where
        case_kind = 'VIOLATION'
        and decision = 'PENALTY'
        and evaded_tax_cny > 0
        and coalesce(fine_cny, 0) < {{ check_param(check, 'min_ratio') }} * evaded_tax_cny
        and {{ in_window(local_date('closing_ts'), check_param(check, 'period_days')) }}
),

fired as (
    select
        case_id as object_id,
        closing_ts as event_ts,
        lead_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'evaded_tax_cny', evaded_tax_cny,
            'fine_cny', fine_cny,
            'fine_ratio', round(coalesce(fine_cny, 0) / evaded_tax_cny, 4),
            'min_ratio', {{ check_param(check, 'min_ratio') }},
            'closing_ts', closing_ts,
            'unit_code', unit_code,
            'approve_officer_id', approve_officer_id,
            'period_days', {{ check_param(check, 'period_days') }}
        ) as evidence
    from cases
)

{{ emit_alerts('fired', check) }}
