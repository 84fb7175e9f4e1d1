-- AP-PT-005 进口料件未在手册备案: a processing-trade import released on the business day with an item that has no
-- manual item number, or whose number is not a registered material (IMG) of the manual, or whose 8-digit tariff line
-- differs from the registered one. Returned finished products (4400/4600) are matched against EXG items instead.
{%- set check = {
    'code': 'AP-PT-005',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '进口料件未在手册备案',
    'name_en': 'Imported material not registered in the manual',
    'attribution': 'officer = MANUAL_REVIEW.officer_id (else RELEASE officer)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where is_pt_import and release_date = {{ biz_date() }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

manual_items as (
    select * from {{ ref('stg_raw__pt_manual_item') }}
),

matched as (
    select
        entries.entry_id,
        items.g_no,
        items.contr_item,
        items.code_ts,
        registered.item_type as registered_item_type,
        registered.code_ts as registered_code_ts,
        case
            when items.contr_item is null then 'NO_MANUAL_ITEM'
            when registered.manual_no is null then 'NOT_REGISTERED'
            when left(registered.code_ts, 8) <> left(items.code_ts, 8) then 'CODE_MISMATCH'
        end as breach
    from entries
    inner join items on entries.entry_id = items.entry_id
    left join manual_items as registered
        on
            entries.manual_no = registered.manual_no
            and items.contr_item = registered.item_seq
            and registered.item_type
            = case when entries.trade_mode in {{ pt_product_return_modes() }} then 'EXG' else 'IMG' end
),

per_entry as (
    select
        entry_id,
        jsonb_agg(
            jsonb_build_object(
                'g_no', g_no,
                'contr_item', contr_item,
                'code_ts', code_ts,
                'registered_code_ts', registered_code_ts,
                'breach', breach
            )
            order by g_no
        ) as items
    from matched
    where breach is not null
    group by entry_id
),

fired as (
    select
        entries.entry_id as object_id,
        entries.release_ts as event_ts,
        entries.trade_co as enterprise_code,
        coalesce(entries.manual_review_officer_id, entries.release_officer_id) as officer_id,
        jsonb_build_object(
            'manual_no', entries.manual_no,
            'trade_mode', entries.trade_mode,
            'items', per_entry.items
        ) as evidence
    from entries
    inner join per_entry on entries.entry_id = per_entry.entry_id
)

{{ emit_alerts('fired', check) }}
