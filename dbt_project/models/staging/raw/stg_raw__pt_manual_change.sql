-- pt_manual_change 手册变更:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'pt_manual_change') }}
)

select * from delivered
