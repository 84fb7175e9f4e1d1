-- dec_item 报关单表体/商品项:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'dec_item', ['entry_id', 'g_no'], 'last_update_ts') }}
)

select * from delivered
