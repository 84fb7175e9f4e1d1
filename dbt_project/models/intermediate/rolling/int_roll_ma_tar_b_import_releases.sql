{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['entry_id']}],
    )
}}
-- Import entries by local release day: release_ts(e) = step(e,'RELEASE').end_ts, the releasing officer and the
-- reviewer (the officer of the entry's latest MANUAL_REVIEW, from int_roll_ma_tar_b_manual_reviews). The rolling base
-- of the "released in window" tariff-review analyses (MA-TAR-014 keyword vs HS code, MA-TAR-020 expired exemption
-- certificate); a night recomputes only the release days its delivery touched.
with releases as (
    select distinct on (w.entry_id)
        w.entry_id,
        w.officer_id as release_officer_id,
        w.end_ts as release_ts
    from {{ ref('stg_raw__dec_workflow') }} as w
    where
        w.step_code = 'RELEASE'
        and w.end_ts is not null
        and {{ rollup_dates_filter(local_date('w.end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
    order by w.entry_id asc, w.step_seq desc, w._biz_date desc
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where ie_flag = 'I'
),

reviews as (
    select distinct on (entry_id)
        entry_id,
        officer_id,
        section_unit_code
    from {{ ref('int_roll_ma_tar_b_manual_reviews') }}
    where officer_id is not null
    order by entry_id asc, step_seq desc
)

select
    {{ local_date('releases.release_ts') }} as activity_date,
    releases.entry_id,
    releases.release_ts,
    releases.release_officer_id,
    reviews.officer_id as review_officer_id,
    reviews.section_unit_code as review_section_unit_code,
    declarations.declare_ts,
    declarations.declare_customs_code,
    declarations.trade_co,
    declarations.manual_no
from releases
inner join declarations on releases.entry_id = declarations.entry_id
left join reviews on releases.entry_id = reviews.entry_id
