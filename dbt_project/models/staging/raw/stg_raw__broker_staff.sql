-- broker_staff 报关员/从业人员备案:
-- the latest full snapshot delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ reference_snapshot('raw', 'broker_staff') }}
)

select * from delivered
