-- pt_manual_item 料件/成品:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'pt_manual_item', ['manual_no', 'item_type', 'item_seq'], 'last_update_ts') }}
)

select * from delivered
