-- AP-PT-021 成品退换无对应原出口: a finished-product return/exchange import (4400/4600) released on the business day
-- after which the cumulative returned quantity of a finished product exceeds its cumulative exported quantity under
-- the same manual.
{%- set check = {
    'code': 'AP-PT-021',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '成品退换无对应原出口',
    'name_en': 'Product return/exchange without matching export',
    'attribution': 'officer = MANUAL_REVIEW.officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where is_released and manual_no is not null
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
    where contr_item is not null
),

returns_today as (
    select * from entries
    where ie_flag = 'I' and trade_mode in {{ pt_product_return_modes() }} and release_date = {{ biz_date() }}
),

returned as (
    select
        entries.manual_no,
        items.contr_item as exg_seq,
        sum(items.g_qty) as returned_qty
    from entries
    inner join items on entries.entry_id = items.entry_id
    where entries.ie_flag = 'I' and entries.trade_mode in {{ pt_product_return_modes() }}
    group by entries.manual_no, items.contr_item
),

-- finished products that left under the manual: exports and deep-processing transfers out
exported as (
    select
        entries.manual_no,
        items.contr_item as exg_seq,
        sum(items.g_qty) as exported_qty
    from entries
    inner join items on entries.entry_id = items.entry_id
    where entries.ie_flag = 'E' and entries.analytic_category in ('PT_MAIN', 'PT_DEEP_TRANSFER')
    group by entries.manual_no, items.contr_item
),

unmatched as (
    select
        returns_today.entry_id,
        returned.exg_seq,
        returned.returned_qty,
        coalesce(exported.exported_qty, 0) as exported_qty
    from returns_today
    inner join items on returns_today.entry_id = items.entry_id
    inner join returned
        on returns_today.manual_no = returned.manual_no and items.contr_item = returned.exg_seq
    left join exported
        on returned.manual_no = exported.manual_no and returned.exg_seq = exported.exg_seq
    where returned.returned_qty > coalesce(exported.exported_qty, 0)
),

per_entry as (
    select
        entry_id,
        jsonb_agg(
            distinct jsonb_build_object(
                'exg_seq', exg_seq, 'returned_qty', returned_qty, 'exported_qty', exported_qty
            )
        ) as items
    from unmatched
    group by entry_id
),

fired as (
    select
        returns_today.entry_id as object_id,
        returns_today.release_ts as event_ts,
        returns_today.manual_review_officer_id as officer_id,
        returns_today.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', returns_today.manual_no,
            'trade_mode', returns_today.trade_mode,
            'related_entry_id', returns_today.related_entry_id,
            'items', per_entry.items
        ) as evidence
    from returns_today
    inner join per_entry on returns_today.entry_id = per_entry.entry_id
)

{{ emit_alerts('fired', check) }}
