-- officer_post_assignment 岗位任职:
-- the latest full snapshot delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ reference_snapshot('raw', 'officer_post_assignment') }}
)

select * from delivered
