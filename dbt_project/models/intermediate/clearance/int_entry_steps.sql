-- step(e, 'X'): the latest workflow step of each entry per step code (ties: highest step_seq).
with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
),

latest as (
    select distinct on (entry_id, step_code)
        entry_id,
        step_code,
        step_seq,
        officer_id,
        section_unit_code,
        customs_code,
        queue_entered_ts,
        start_ts,
        end_ts,
        result_code,
        is_manual
    from workflow
    order by entry_id asc, step_code asc, step_seq desc
)

select * from latest
