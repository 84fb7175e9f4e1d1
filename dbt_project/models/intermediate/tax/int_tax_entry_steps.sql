-- step(e, 'X') over the current version of every step: the latest step of each entry per step code (ties: highest
-- step_seq). Same as int_entry_steps, but a step delivered open one day and ended the next is read in its ended
-- version, not in whichever copy comes first.
with steps as (
    select * from {{ ref('int_tax_workflow_current') }}
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
    from steps
    order by entry_id asc, step_code asc, step_seq desc
)

select * from latest
