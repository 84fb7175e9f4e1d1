-- dec_extension_approval 延期审批:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'dec_extension_approval') }}
)

select * from delivered
