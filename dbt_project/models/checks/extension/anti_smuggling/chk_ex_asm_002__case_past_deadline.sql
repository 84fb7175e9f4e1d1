-- EX-ASM-002 行政处罚案件超期未结: a non-criminal smuggling case still open (closing_ts NULL) that, without an approved
-- extension, was filed more than months months before the business day (filing date + months < biz_date), or whose
-- approved extension (extension_until) ended before the business day. Charged to the lead officer; the case unit
-- is in evidence.
{%- set check = {
    'code': 'EX-ASM-002',
    'module': 'extension',
    'business_line': 'anti_smuggling',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'SMUGGLING_CASE',
    'name_zh': '行政处罚案件超期未结',
    'name_en': 'Administrative case past its deadline',
    'attribution': 'officer = lead_officer_id; case unit',
    'params': {'months': 6},
} %}
{{ config(meta={'check': check}) }}

with cases as (
    select
        *,
        ({{ local_date('filing_ts') }} + interval '1 month' * {{ check_param(check, 'months') }})::date as deadline
    from {{ ref('stg_raw__smuggling_case') }}
    where case_kind != 'CRIMINAL' and closing_ts is null
),

fired as (
    select
        case_id as object_id,
        filing_ts as event_ts,
        lead_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'case_kind', case_kind,
            'status', status,
            'filing_ts', filing_ts,
            'deadline', deadline,
            'extension_approved_ts', extension_approved_ts,
            'extension_until', extension_until,
            'unit_code', unit_code,
            'months', {{ check_param(check, 'months') }}
        ) as evidence
    from cases
    where
        (extension_approved_ts is null and deadline < {{ biz_date() }})
        or (extension_until is not null and extension_until < {{ biz_date() }})
)

{{ emit_alerts('fired', check) }}
