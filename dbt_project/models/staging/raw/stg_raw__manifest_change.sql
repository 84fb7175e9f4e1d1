-- manifest_change 舱单变更/删除:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'manifest_change') }}
)

select * from delivered
