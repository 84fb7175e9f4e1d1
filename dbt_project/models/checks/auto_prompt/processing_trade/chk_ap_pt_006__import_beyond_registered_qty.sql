-- AP-PT-006 料件超备案数量进口: the import released on the business day that first takes the cumulative imported
-- quantity of a registered material (released PT imports, in release order) above its registered quantity.
{%- set check = {
    'code': 'AP-PT-006',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '料件超备案数量进口',
    'name_en': 'Material imported beyond registered quantity',
    'attribution': 'officer = reviewer of the crossing entry',
    'params': {'tolerance': 0.0},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where is_pt_import and is_released and trade_mode not in {{ pt_product_return_modes() }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

manual_items as (
    select * from {{ ref('stg_raw__pt_manual_item') }}
    where item_type = 'IMG'
),

entry_quantities as (
    select
        entries.manual_no,
        items.contr_item as img_seq,
        entries.entry_id,
        entries.order_ts,
        entries.release_date,
        sum(items.g_qty) as qty
    from entries
    inner join items on entries.entry_id = items.entry_id
    where items.contr_item is not null
    group by entries.manual_no, items.contr_item, entries.entry_id, entries.order_ts, entries.release_date
),

running as (
    select
        entry_quantities.*,
        manual_items.qty as registered_qty,
        manual_items.qty * (1 + {{ check_param(check, 'tolerance') }}) as max_qty,
        sum(entry_quantities.qty) over (
            partition by entry_quantities.manual_no, entry_quantities.img_seq
            order by entry_quantities.order_ts, entry_quantities.entry_id
            rows between unbounded preceding and current row
        ) as cum_qty
    from entry_quantities
    inner join manual_items
        on entry_quantities.manual_no = manual_items.manual_no and entry_quantities.img_seq = manual_items.item_seq
),

crossings as (
    select *
    from running
    where
        release_date = {{ biz_date() }}
        and cum_qty > max_qty
        and cum_qty - qty <= max_qty
),

per_entry as (
    select
        entry_id,
        jsonb_agg(
            jsonb_build_object(
                'img_seq', img_seq,
                'qty', qty,
                'cum_qty', cum_qty,
                'registered_qty', registered_qty
            )
            order by img_seq
        ) as items
    from crossings
    group by entry_id
),

fired as (
    select
        entries.entry_id as object_id,
        entries.release_ts as event_ts,
        entries.reviewer_officer_id as officer_id,
        entries.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', entries.manual_no,
            'trade_mode', entries.trade_mode,
            'items', per_entry.items
        ) as evidence
    from entries
    inner join per_entry on entries.entry_id = per_entry.entry_id
)

{{ emit_alerts('fired', check) }}
