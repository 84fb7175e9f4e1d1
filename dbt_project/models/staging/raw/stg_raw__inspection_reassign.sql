-- inspection_reassign 查验改派:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'inspection_reassign') }}
)

select * from delivered
