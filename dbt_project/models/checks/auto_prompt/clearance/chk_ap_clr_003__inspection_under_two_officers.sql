-- AP-CLR-003 查验人员不足两人或记录未签名: an inspection finished on the business day with no distinct second
-- officer, fewer than two signatures, or an unsigned record (《查验管理办法》 第3条: at least two officers).
{%- set check = {
    'code': 'AP-CLR-003',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'INSPECTION',
    'name_zh': '查验人员不足两人或记录未签名',
    'name_en': 'Inspection with fewer than two officers or unsigned record',
    'attribution': 'officer = inspection.lead_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where {{ local_date('end_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

breaches as (
    select *
    from inspections
    where
        second_officer_id is null
        or second_officer_id = lead_officer_id
        or coalesce(signer_count, 0) < 2
        or record_signed_ts is null
),

fired as (
    select
        breaches.insp_id as object_id,
        breaches.end_ts as event_ts,
        breaches.lead_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', breaches.entry_id,
            'lead_officer_id', breaches.lead_officer_id,
            'second_officer_id', breaches.second_officer_id,
            'signer_count', breaches.signer_count,
            'record_signed_ts', breaches.record_signed_ts
        ) as evidence
    from breaches
    left join declarations on breaches.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
