-- vat_cert_copy4 海关缴款书第四联:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'vat_cert_copy4', ['cert_no'], 'last_update_ts') }}
)

select * from delivered
