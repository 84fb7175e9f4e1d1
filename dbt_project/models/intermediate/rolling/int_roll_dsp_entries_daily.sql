{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}],
    )
}}
-- Entries declared per local day and customs code (DECLARE steps of dec_workflow): the denominator of EX-DSP-006's
-- alert rate per 10k entries. A night recomputes only the days its delivery touched (see macros/windows.sql).
select
    {{ local_date('w.end_ts') }} as activity_date,
    w.customs_code,
    count(distinct w.entry_id) as entries_declared
from {{ ref('stg_raw__dec_workflow') }} as w
where
    w.step_code = 'DECLARE'
    and w.end_ts is not null
    and {{ rollup_dates_filter(local_date('w.end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
group by 1, 2
