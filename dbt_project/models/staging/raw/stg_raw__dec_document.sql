-- dec_document 随附单证:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'dec_document', ['entry_id', 'docu_code', 'cert_code'], 'last_update_ts') }}
)

select * from delivered
