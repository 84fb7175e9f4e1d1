-- MA-ASM-002 达到刑事标准按行政案件处理: a smuggling case filed or closed in the window
-- (biz_date - period_days, biz_date] (local dates), of kind ADMIN_SMUGGLING, VIOLATION or SIMPLE, whose evaded tax
-- reaches criminal_threshold_cny, and whose decision is not TRANSFER_CRIMINAL (an undecided case counts: it is
-- still being handled administratively). Charged to the lead officer; the approving officer is in evidence.
{%- set check = {
    'code': 'MA-ASM-002',
    'module': 'monitor_analysis',
    'business_line': 'anti_smuggling',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'SMUGGLING_CASE',
    'name_zh': '达到刑事标准按行政案件处理',
    'name_en': 'Criminal-threshold case handled administratively',
    'attribution': 'officer = lead_officer_id; approver',
    'params': {'period_days': 90, 'criminal_threshold_cny': 100000},
} %}
{{ config(meta={'check': check}) }}

with cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
    where
        case_kind in ('ADMIN_SMUGGLING', 'VIOLATION', 'SIMPLE')
        and evaded_tax_cny >= {{ check_param(check, 'criminal_threshold_cny') }}
        and decision is distinct from 'TRANSFER_CRIMINAL'
        and (
            {{ in_window(local_date('filing_ts'), check_param(check, 'period_days')) }}
            or {{ in_window(local_date('closing_ts'), check_param(check, 'period_days')) }}
        )
),

fired as (
    select
        case_id as object_id,
        coalesce(closing_ts, filing_ts) as event_ts,
        lead_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'case_kind', case_kind,
            'evaded_tax_cny', evaded_tax_cny,
            'criminal_threshold_cny', {{ check_param(check, 'criminal_threshold_cny') }},
            'decision', decision,
            'status', status,
            'filing_ts', filing_ts,
            'closing_ts', closing_ts,
            'unit_code', unit_code,
            'approve_officer_id', approve_officer_id,
            'period_days', {{ check_param(check, 'period_days') }}
        ) as evidence
    from cases
)

{{ emit_alerts('fired', check) }}
