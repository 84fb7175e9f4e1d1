-- AP-PT-025 结转收发货后90日未报关: a deep-processing transfer whose in or out declaration is still missing on the first
-- day after the declaration period from the shipment ran out. Charged to the processing-trade sections of the in and
-- out customs: no officer.
{%- set check = {
    'code': 'AP-PT-025',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'PT_TRANSFER',
    'name_zh': '结转收发货后90日未报关',
    'name_en': 'Transfer not declared within 90 days of shipment',
    'attribution': 'processing-trade sections of in/out customs',
    'params': {'declare_days': 90},
} %}
{{ config(meta={'check': check}) }}

with transfers as (
    select * from {{ ref('stg_raw__pt_transfer') }}
    where
        {{ local_date('ship_ts') }} + {{ check_param(check, 'declare_days') }} = {{ biz_date() }} - 1
        and (in_declare_ts is null or out_declare_ts is null)
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

fired as (
    select
        transfers.transfer_id as object_id,
        {{ end_of_day(local_date('transfers.ship_ts') ~ ' + ' ~ check_param(check, 'declare_days')) }} as event_ts,
        null::text as officer_id,
        coalesce(transfers.out_co, transfers.in_co) as enterprise_code,
        jsonb_build_object(
            'ship_ts', transfers.ship_ts,
            'ship_qty', transfers.ship_qty,
            'in_declare_ts', transfers.in_declare_ts,
            'out_declare_ts', transfers.out_declare_ts,
            'in_customs_code', transfers.in_customs_code,
            'out_customs_code', transfers.out_customs_code,
            'in_pt_section_unit_code', in_section.pt_section_unit_code,
            'out_pt_section_unit_code', out_section.pt_section_unit_code
        ) as evidence
    from transfers
    left join sections as in_section on transfers.in_customs_code = in_section.customs_code
    left join sections as out_section on transfers.out_customs_code = out_section.customs_code
)

{{ emit_alerts('fired', check) }}
