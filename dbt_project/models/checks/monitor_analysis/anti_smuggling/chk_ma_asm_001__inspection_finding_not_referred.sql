-- MA-ASM-001 查获异常未立案移交: an inspection with result ABNORMAL or SEIZURE that ended in the window
-- (biz_date - period_days, biz_date - grace_days] (local end date), whose estimated tax difference
-- (inspection.est_tax_diff_cny) is at least min_tax_diff_cny, whose handling is not PENALTY, with no smuggling clue
-- sourced from it (source_type INSPECTION, source_ref = insp_id) and no smuggling case on its entry
-- (related_entry_id). Charged to the lead inspector; the inspection section is in evidence.
{%- set check = {
    'code': 'MA-ASM-001',
    'module': 'monitor_analysis',
    'business_line': 'anti_smuggling',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'INSPECTION',
    'name_zh': '查获异常未立案移交',
    'name_en': 'Inspection findings not turned into clues or cases',
    'attribution': 'officer = lead inspector; inspection section',
    'params': {'period_days': 60, 'grace_days': 30, 'min_tax_diff_cny': 5000},
} %}
{{ config(meta={'check': check}) }}

with findings as (
    select * from {{ ref('int_roll_asm_abnormal_inspection') }}
    where
        end_date > {{ biz_date() }} - {{ check_param(check, 'period_days') }}
        and end_date <= {{ biz_date() }} - {{ check_param(check, 'grace_days') }}
        and est_tax_diff_cny >= {{ check_param(check, 'min_tax_diff_cny') }}
        and handling != 'PENALTY'
),

clues as (
    select * from {{ ref('stg_raw__smuggling_clue') }}
    where source_type = 'INSPECTION'
),

cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'INSPECT'
),

fired as (
    select
        findings.insp_id as object_id,
        findings.end_ts as event_ts,
        findings.lead_officer_id as officer_id,
        findings.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', findings.entry_id,
            'result', findings.result,
            'handling', findings.handling,
            'end_ts', findings.end_ts,
            'handover_ts', findings.handover_ts,
            'est_tax_diff_cny', findings.est_tax_diff_cny,
            'min_tax_diff_cny', {{ check_param(check, 'min_tax_diff_cny') }},
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }},
            'window_to', {{ biz_date() }} - {{ check_param(check, 'grace_days') }},
            'inspection_section', post_sections.section_unit_code
        ) as evidence
    from findings
    left join post_sections on findings.declare_customs_code = post_sections.customs_code
    where
        not exists (
            select 1 from clues
            where clues.source_ref = findings.insp_id
        )
        and not exists (
            select 1 from cases
            where cases.related_entry_id = findings.entry_id
        )
)

{{ emit_alerts('fired', check) }}
