-- ce_inventory 跨境电商清单:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'ce_inventory', ['inv_no'], 'last_update_ts') }}
)

select * from delivered
