-- exchange_rate 海关汇率:
-- the latest full snapshot delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ reference_snapshot('raw', 'exchange_rate') }}
)

select * from delivered
