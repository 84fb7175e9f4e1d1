-- The current version of every workflow step: a step still open at day end is delivered again each day until it
-- ends (source contract), so the raw trail can hold several versions of one (entry_id, step_seq); keep the one
-- delivered last (ties: the ended one).
with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
),

current_version as (
    select distinct on (entry_id, step_seq)
        entry_id,
        step_seq,
        step_code,
        officer_id,
        section_unit_code,
        customs_code,
        queue_entered_ts,
        start_ts,
        end_ts,
        result_code,
        is_manual
    from workflow
    order by entry_id asc, step_seq asc, _biz_date desc, (end_ts is null) asc
)

select * from current_version
