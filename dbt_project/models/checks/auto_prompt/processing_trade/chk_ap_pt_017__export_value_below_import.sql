-- AP-PT-017 备案进出口值倒挂: an imported-materials (C) manual approved on the business day whose filed export value
-- is below its filed import value plus the minimum value added.
{%- set check = {
    'code': 'AP-PT-017',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'MANUAL',
    'name_zh': '备案进出口值倒挂',
    'name_en': 'Manual filed with export value below import value',
    'attribution': 'officer = m.approve_officer_id',
    'params': {'min_value_add': 0.0},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where {{ local_date('approve_ts') }} = {{ biz_date() }} and manual_kind = 'C'
),

inverted as (
    select *
    from manuals
    where export_value_limit_usd < import_value_limit_usd * (1 + {{ check_param(check, 'min_value_add') }})
),

fired as (
    select
        manual_no as object_id,
        approve_ts as event_ts,
        approve_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'import_value_limit_usd', import_value_limit_usd,
            'export_value_limit_usd', export_value_limit_usd
        ) as evidence
    from inverted
)

{{ emit_alerts('fired', check) }}
