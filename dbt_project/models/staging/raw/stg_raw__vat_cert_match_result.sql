-- vat_cert_match_result 缴款书稽核比对结果:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'vat_cert_match_result') }}
)

select * from delivered
