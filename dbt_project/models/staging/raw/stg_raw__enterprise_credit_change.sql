-- enterprise_credit_change 信用等级调整:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'enterprise_credit_change') }}
)

select * from delivered
