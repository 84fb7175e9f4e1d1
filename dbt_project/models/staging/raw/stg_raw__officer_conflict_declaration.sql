-- officer_conflict_declaration 回避/利益冲突申报:
-- the latest full snapshot delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ reference_snapshot('raw', 'officer_conflict_declaration') }}
)

select * from delivered
