-- tax_bill 海关专用缴款书:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'tax_bill', ['tax_bill_no'], 'last_update_ts') }}
)

select * from delivered
