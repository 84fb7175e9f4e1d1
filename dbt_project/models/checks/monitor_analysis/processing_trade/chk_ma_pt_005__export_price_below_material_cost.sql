-- MA-PT-005 成品出口价格低于料件成本: per manual and finished product (EXG item) exported in the window
-- (biz_date - period_days, biz_date] (PT exports of category PT_MAIN or PT_DEEP_TRANSFER, by declaration date), the
-- export USD unit price (Σ usd_value / Σ g_qty in the window) is below min_ratio × the material cost of one unit:
-- Σ over the product's current BOM rows of dec_cm × (1 + dec_dm/100) × the material's average imported USD unit price
-- under the manual (all its PT material imports so far; the filed IMG unit price when none is known). Charged to the
-- reviewer of the latest export of the product in the window; every export and reviewer is in the evidence.
{%- set check = {
    'code': 'MA-PT-005',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_MANUAL_EXG',
    'name_zh': '成品出口价格低于料件成本',
    'name_en': 'Finished-product export price below material cost',
    'attribution': 'reviewers of the export entries; PT section',
    'params': {'period_days': 90, 'min_ratio': 1.0},
} %}
{{ config(meta={'check': check}) }}

with pt_items as (
    select * from {{ ref('int_roll_ma_pt_items_daily') }}
),

exports as (
    select * from pt_items
    where
        ie_flag = 'E'
        and is_pt_export
        and analytic_category in ('PT_MAIN', 'PT_DEEP_TRANSFER')
        and manual_no is not null
        and contr_item is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

export_prices as (
    select
        manual_no,
        contr_item as exg_seq,
        min(trade_co) as trade_co,
        sum(usd_value) / nullif(sum(g_qty), 0) as export_unit_price,
        sum(g_qty) as export_qty,
        count(distinct entry_id) as n_entries,
        jsonb_agg(
            distinct jsonb_build_object('entry_id', entry_id, 'reviewer_officer_id', reviewer_officer_id)
        ) as export_entries
    from exports
    group by manual_no, contr_item
),

latest_export as (
    select distinct on (manual_no, contr_item)
        manual_no,
        contr_item as exg_seq,
        entry_id,
        declare_ts,
        reviewer_officer_id
    from exports
    order by manual_no asc, contr_item asc, (reviewer_officer_id is not null) desc, declare_ts desc, entry_id desc
),

import_prices as (
    select
        manual_no,
        contr_item as img_seq,
        sum(usd_value) / nullif(sum(g_qty), 0) as import_unit_price
    from pt_items
    where
        ie_flag = 'I'
        and is_pt_import
        and analytic_category in ('PT_MAIN', 'PT_DEEP_TRANSFER', 'PT_LEFTOVER_TRANSFER')
        and manual_no in (select export_prices.manual_no from export_prices)
        and activity_date <= {{ biz_date() }}
    group by manual_no, contr_item
),

current_boms as (
    select distinct on (manual_no, exg_seq, img_seq) *
    from {{ ref('stg_raw__pt_bom') }}
    where
        manual_no in (select export_prices.manual_no from export_prices)
        and {{ local_date('effective_ts') }} <= {{ biz_date() }}
    order by manual_no asc, exg_seq asc, img_seq asc, version desc
),

filed_imgs as (
    select * from {{ ref('stg_raw__pt_manual_item') }}
    where item_type = 'IMG'
),

material_cost as (
    select
        b.manual_no,
        b.exg_seq,
        sum(b.dec_cm * (1 + b.dec_dm / 100.0) * coalesce(ip.import_unit_price, filed.unit_price)) as unit_cost,
        count(*) as n_materials,
        count(*) filter (where coalesce(ip.import_unit_price, filed.unit_price) is null) as n_unpriced
    from current_boms as b
    left join import_prices as ip on b.manual_no = ip.manual_no and b.img_seq = ip.img_seq
    left join filed_imgs as filed on b.manual_no = filed.manual_no and b.img_seq = filed.item_seq
    group by b.manual_no, b.exg_seq
),

fired as (
    select
        le.declare_ts as event_ts,
        le.reviewer_officer_id as officer_id,
        ep.trade_co as enterprise_code,
        ep.manual_no || ':' || ep.exg_seq as object_id,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'manual_no', ep.manual_no,
            'exg_seq', ep.exg_seq,
            'export_unit_price_usd', round(ep.export_unit_price, 4),
            'material_cost_usd', round(mc.unit_cost, 4),
            'ratio', round(ep.export_unit_price / nullif(mc.unit_cost, 0), 4),
            'min_ratio', {{ check_param(check, 'min_ratio') }},
            'export_qty', ep.export_qty,
            'n_entries', ep.n_entries,
            'export_entries', ep.export_entries
        ) as evidence
    from export_prices as ep
    inner join material_cost as mc on ep.manual_no = mc.manual_no and ep.exg_seq = mc.exg_seq
    inner join latest_export as le on ep.manual_no = le.manual_no and ep.exg_seq = le.exg_seq
    where mc.n_unpriced = 0 and ep.export_unit_price < {{ check_param(check, 'min_ratio') }} * mc.unit_cost
)

{{ emit_alerts('fired', check) }}
