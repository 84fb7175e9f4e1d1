-- confiscated_goods_disposal 罚没物品处置:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'confiscated_goods_disposal') }}
)

select * from delivered
