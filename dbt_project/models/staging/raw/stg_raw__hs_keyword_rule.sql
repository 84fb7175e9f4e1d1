-- hs_keyword_rule 归类关键词规则:
-- the latest full snapshot delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ reference_snapshot('raw', 'hs_keyword_rule') }}
)

select * from delivered
