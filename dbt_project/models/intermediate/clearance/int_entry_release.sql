-- The release of each entry: step(e,'RELEASE') = its latest RELEASE step (ties: highest step_seq).
with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
),

releases as (
    select distinct on (entry_id)
        entry_id,
        officer_id as release_officer_id,
        end_ts as release_ts,
        {{ local_date('end_ts') }} as release_date
    from workflow
    where step_code = 'RELEASE' and end_ts is not null
    order by entry_id asc, step_seq desc
)

select * from releases
