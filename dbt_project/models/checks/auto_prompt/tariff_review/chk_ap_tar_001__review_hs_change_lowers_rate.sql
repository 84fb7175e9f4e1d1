-- AP-TAR-001 审单改商品编号致税率降低: a reviewer's change (change_source REVIEW) on the business day of an import
-- item's code_ts to a code whose eff_rate at the declaration time is lower than the old code's by more than
-- min_rate_drop. One alert per field change; codes without a valid tariff row never fire.
{%- set check = {
    'code': 'AP-TAR-001',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'FIELD_CHANGE',
    'name_zh': '审单改商品编号致税率降低',
    'name_en': 'Reviewer changed HS code to a lower duty rate',
    'attribution': 'officer = c.officer_id (reviewer); roll-up post>section>subordinate>direct',
    'params': {'min_rate_drop': 0.0},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select * from {{ ref('stg_raw__dec_field_change') }}
    where
        field_name = 'code_ts'
        and change_source = 'REVIEW'
        and {{ local_date('change_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where ie_flag = 'I'
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

rated as (
    select
        changes.change_id,
        changes.entry_id,
        changes.g_no,
        changes.officer_id,
        changes.change_ts,
        trim(changes.old_value) as old_code,
        trim(changes.new_value) as new_code,
        declarations.trade_co,
        declarations.declare_ts,
        items.cny_value,
        {{ eff_rate('changes.old_value', 'declarations.declare_ts') }} as old_rate,
        {{ eff_rate('changes.new_value', 'declarations.declare_ts') }} as new_rate
    from changes
    inner join declarations on changes.entry_id = declarations.entry_id
    left join items on changes.entry_id = items.entry_id and changes.g_no = items.g_no
),

lowered as (
    select *
    from rated
    where new_rate < old_rate - {{ check_param(check, 'min_rate_drop') }}
),

fired as (
    select
        lowered.change_id::text as object_id,
        lowered.change_ts as event_ts,
        lowered.officer_id,
        lowered.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', lowered.entry_id,
            'g_no', lowered.g_no,
            'old_code_ts', lowered.old_code,
            'new_code_ts', lowered.new_code,
            'old_rate', lowered.old_rate,
            'new_rate', lowered.new_rate,
            'declare_ts', lowered.declare_ts,
            'cny_value', lowered.cny_value,
            'tax_effect_cny', round(lowered.cny_value * (lowered.old_rate - lowered.new_rate), 2)
        ) as evidence
    from lowered
)

{{ emit_alerts('fired', check) }}
