-- exempt_goods_supervision 减免税货物后续监管:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'exempt_goods_supervision', ['entry_id', 'g_no'], 'last_update_ts') }}
)

select * from delivered
