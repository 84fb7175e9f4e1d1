-- AP-CLR-005 查验方式低于布控要求: an inspection that ended on the business day used a method ranked below the
-- method its control order required (EXTERNAL < MACHINE < PARTIAL < FULL).
{%- set check = {
    'code': 'AP-CLR-005',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'INSPECTION',
    'name_zh': '查验方式低于布控要求',
    'name_en': 'Inspection method weaker than ordered',
    'attribution': 'officer = i.lead_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where {{ local_date('end_ts') }} = {{ biz_date() }}
),

controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

downgraded as (
    select
        inspections.*,
        controls.required_method,
        controls.control_source
    from inspections
    inner join controls on inspections.control_id = controls.control_id
    where {{ method_rank('inspections.method') }} < {{ method_rank('controls.required_method') }}
),

fired as (
    select
        downgraded.insp_id as object_id,
        downgraded.end_ts as event_ts,
        downgraded.lead_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', downgraded.entry_id,
            'control_id', downgraded.control_id,
            'control_source', downgraded.control_source,
            'required_method', downgraded.required_method,
            'method', downgraded.method,
            'second_officer_id', downgraded.second_officer_id
        ) as evidence
    from downgraded
    left join declarations on downgraded.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
