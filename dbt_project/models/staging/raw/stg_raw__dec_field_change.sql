-- dec_field_change 修改痕迹:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'dec_field_change') }}
)

select * from delivered
