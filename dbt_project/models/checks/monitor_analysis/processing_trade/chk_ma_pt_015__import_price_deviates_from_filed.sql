-- MA-PT-015 进口价格偏离备案价格: an item of a PT material import (PT import mode of category PT_MAIN, PT_DEEP_TRANSFER
-- or PT_LEFTOVER_TRANSFER) declared in the window (biz_date - period_days, biz_date] whose declared unit price deviates
-- from the unit price filed for its manual IMG item (item_seq = contr_item) by more than dev_pct, both in the same
-- currency. One alert per entry (its deviating items in the evidence), charged to the entry's reviewer; the evidence
-- also counts the reviewer's deviating entries in the window.
{%- set check = {
    'code': 'MA-PT-015',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '进口价格偏离备案价格',
    'name_en': 'Import price deviates from filed price',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 90, 'dev_pct': 0.3},
} %}
{{ config(meta={'check': check}) }}

with imports as (
    select * from {{ ref('int_roll_ma_pt_items_daily') }}
    where
        ie_flag = 'I'
        and is_pt_import
        and analytic_category in ('PT_MAIN', 'PT_DEEP_TRANSFER', 'PT_LEFTOVER_TRANSFER')
        and manual_no is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

filed as (
    select * from {{ ref('stg_raw__pt_manual_item') }}
    where item_type = 'IMG' and unit_price > 0
),

deviating as (
    select
        imports.*,
        filed.unit_price as filed_unit_price,
        abs(imports.decl_price - filed.unit_price) / filed.unit_price as deviation
    from imports
    inner join filed on imports.manual_no = filed.manual_no and imports.contr_item = filed.item_seq
    where
        imports.trade_curr = filed.curr
        and abs(imports.decl_price - filed.unit_price) / filed.unit_price > {{ check_param(check, 'dev_pct') }}
),

per_reviewer as (
    select
        reviewer_officer_id,
        count(distinct entry_id) as n_reviewer_entries
    from deviating
    group by reviewer_officer_id
),

fired as (
    select
        d.entry_id as object_id,
        min(d.declare_ts) as event_ts,
        min(d.reviewer_officer_id) as officer_id,
        min(d.trade_co) as enterprise_code,
        jsonb_build_object(
            'manual_no', min(d.manual_no),
            'dev_pct', {{ check_param(check, 'dev_pct') }},
            'reviewer_deviating_entries', min(pr.n_reviewer_entries),
            'items', jsonb_agg(
                jsonb_build_object(
                    'g_no', d.g_no,
                    'contr_item', d.contr_item,
                    'decl_price', d.decl_price,
                    'filed_unit_price', d.filed_unit_price,
                    'curr', d.trade_curr,
                    'deviation', round(d.deviation, 4)
                )
                order by d.g_no
            )
        ) as evidence
    from deviating as d
    left join per_reviewer as pr on d.reviewer_officer_id is not distinct from pr.reviewer_officer_id
    group by d.entry_id
)

{{ emit_alerts('fired', check) }}
