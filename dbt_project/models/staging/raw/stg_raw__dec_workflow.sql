-- dec_workflow 作业流程/作业痕迹:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'dec_workflow') }}
)

select * from delivered
