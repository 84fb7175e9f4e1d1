-- vat_cert_copy1 海关缴款书第一联:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'vat_cert_copy1', ['cert_no', 'payer_uscc', 'collect_ts'], 'last_update_ts') }}
)

select * from delivered
