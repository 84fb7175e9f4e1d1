-- The business days whose extract the warehouse holds (every extract carries workflow rows): the denominator of
-- the basic-information prompts' trailing daily means, so a warehouse younger than the window is not compared
-- with days it never received.
with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
),

extract_days as (
    select distinct _biz_date as extract_date
    from workflow
)

select * from extract_days
