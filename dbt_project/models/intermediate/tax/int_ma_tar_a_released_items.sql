-- The items of every released declaration (from the rolling base int_roll_ma_tar_a_handled_items, one row per
-- RELEASE step and item) with the officer the tariff-review monitoring analyses charge: the officer whose manual
-- review of the entry last passed, or the release officer when the entry was reviewed electronically only.
-- Checks window it on activity_date (the release day), which the rolling base indexes.
with handled as (
    select * from {{ ref('int_roll_ma_tar_a_handled_items') }}
)

select
    released.*,
    review.officer_id as reviewer_id,
    review.end_ts as review_end_ts,
    released.officer_id as release_officer_id,
    coalesce(review.officer_id, released.officer_id) as charged_officer_id
from handled as released
left join lateral (
    select
        reviewed.officer_id,
        reviewed.end_ts
    from handled as reviewed
    where
        reviewed.entry_id = released.entry_id
        and reviewed.g_no = released.g_no
        and reviewed.step_code = 'MANUAL_REVIEW'
        and reviewed.result_code = 'PASS'
    order by reviewed.end_ts desc
    limit 1
) as review on true
where released.step_code = 'RELEASE'
