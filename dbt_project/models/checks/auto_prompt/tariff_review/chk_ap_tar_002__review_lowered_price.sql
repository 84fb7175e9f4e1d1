-- AP-TAR-002 审单调低申报价格: a reviewer's change (change_source REVIEW) on the business day that lowers an
-- import item's decl_price or decl_total by more than min_drop_pct. One alert per field change; values that are
-- not plain numbers are ignored.
{%- set check = {
    'code': 'AP-TAR-002',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'FIELD_CHANGE',
    'name_zh': '审单调低申报价格',
    'name_en': 'Reviewer lowered declared price',
    'attribution': 'officer = c.officer_id',
    'params': {'min_drop_pct': 0.05},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select * from {{ ref('stg_raw__dec_field_change') }}
    where
        field_name in ('decl_price', 'decl_total')
        and change_source = 'REVIEW'
        and {{ local_date('change_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where ie_flag = 'I'
),

valued as (
    select
        changes.change_id,
        changes.entry_id,
        changes.g_no,
        changes.field_name,
        changes.officer_id,
        changes.change_ts,
        declarations.trade_co,
        {{ numeric_or_null('changes.old_value') }} as old_amount,
        {{ numeric_or_null('changes.new_value') }} as new_amount
    from changes
    inner join declarations on changes.entry_id = declarations.entry_id
),

lowered as (
    select *
    from valued
    where new_amount < old_amount * (1 - {{ check_param(check, 'min_drop_pct') }})
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
            'field_name', lowered.field_name,
            'old_value', lowered.old_amount,
            'new_value', lowered.new_amount,
            'drop_pct', round(1 - lowered.new_amount / nullif(lowered.old_amount, 0), 4)
        ) as evidence
    from lowered
)

{{ emit_alerts('fired', check) }}
