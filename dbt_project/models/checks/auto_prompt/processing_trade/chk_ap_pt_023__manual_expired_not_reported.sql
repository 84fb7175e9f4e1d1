-- AP-PT-023 手册到期逾期未报核: a manual still executing on the first day after its reporting period (validity end +
-- report days) ran out. Charged to the processing-trade section of its competent customs: no officer.
{%- set check = {
    'code': 'AP-PT-023',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '手册到期逾期未报核',
    'name_en': 'Manual expired and not reported',
    'attribution': 'processing-trade section of m.master_customs_code',
    'params': {'report_days': 30},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where
        status = 'EXECUTING'
        and valid_until + {{ check_param(check, 'report_days') }} = {{ biz_date() }} - 1
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

fired as (
    select
        manuals.manual_no as object_id,
        {{ end_of_day('manuals.valid_until + ' ~ check_param(check, 'report_days')) }} as event_ts,
        null::text as officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'valid_until', manuals.valid_until,
            'report_due', manuals.valid_until + {{ check_param(check, 'report_days') }},
            'master_customs_code', manuals.master_customs_code,
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from manuals
    left join sections on manuals.master_customs_code = sections.customs_code
)

{{ emit_alerts('fired', check) }}
