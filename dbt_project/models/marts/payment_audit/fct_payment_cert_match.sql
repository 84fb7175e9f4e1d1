-- The payment-certificate audit (海关缴款书稽核比对) by audit month and taxpayer: every copy-1 claim in every audit
-- month it was in matching, with the result recomputed per domain_notes.md §4 (int_pa_cert_match), the tax side's
-- own result beside it (agrees_with_source), the 180-day recheck deadline and its status.
with matches as (
    select * from {{ ref('int_pa_cert_match') }}
)

select
    matches.*,
    left(matches.cert_no, 18) as entry_id,
    {{ biz_date() }} as as_of_date
from matches
