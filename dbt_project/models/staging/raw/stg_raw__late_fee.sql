-- late_fee 滞报金/滞纳金:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'late_fee', ['fee_id'], 'last_update_ts') }}
)

select * from delivered
