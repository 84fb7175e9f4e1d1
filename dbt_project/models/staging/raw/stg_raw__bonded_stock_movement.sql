-- bonded_stock_movement 保税仓库/物流中心进出库:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'bonded_stock_movement') }}
)

select * from delivered
