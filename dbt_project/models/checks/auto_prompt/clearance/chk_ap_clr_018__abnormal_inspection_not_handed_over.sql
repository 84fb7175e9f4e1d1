-- AP-CLR-018 查验异常移交超时: an inspection with an ABNORMAL or SEIZURE result, to be handled by anti-smuggling,
-- penalty or not yet decided (handling TRANSFER_ASB, PENALTY, NONE), not handed over on the first working day past
-- the limit (WD(end_ts, biz_date) = :max_workdays + 1).
{%- set check = {
    'code': 'AP-CLR-018',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'INSPECTION',
    'name_zh': '查验异常移交超时',
    'name_en': 'Abnormal inspection not handed over in time',
    'attribution': 'officer = i.lead_officer_id; inspection section',
    'params': {'max_workdays': 2},
} %}
{{ config(meta={'check': check}) }}

with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where
        result in ('ABNORMAL', 'SEIZURE')
        and handover_ts is null
        and handling in ('TRANSFER_ASB', 'PENALTY', 'NONE')
        and end_ts is not null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'INSPECT'
),

aged as (
    select
        *,
        {{ workdays_between('end_ts', biz_date()) }} as workdays_since_end
    from inspections
),

fired as (
    select
        aged.insp_id as object_id,
        aged.end_ts as event_ts,
        aged.lead_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', aged.entry_id,
            'result', aged.result,
            'handling', aged.handling,
            'end_ts', aged.end_ts,
            'workdays_since_end', aged.workdays_since_end,
            'inspection_section', post_sections.section_unit_code
        ) as evidence
    from aged
    left join declarations on aged.entry_id = declarations.entry_id
    left join post_sections on declarations.declare_customs_code = post_sections.customs_code
    where aged.workdays_since_end = {{ check_param(check, 'max_workdays') + 1 }}
)

{{ emit_alerts('fired', check) }}
