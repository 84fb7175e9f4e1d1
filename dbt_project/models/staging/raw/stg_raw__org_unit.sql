-- org_unit 海关组织机构:
-- the latest full snapshot delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ reference_snapshot('raw', 'org_unit') }}
)

select * from delivered
