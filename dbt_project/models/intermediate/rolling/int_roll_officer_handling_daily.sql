{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['officer_id', 'trade_co']}],
    )
}}
-- Who finished which manual workflow step for which enterprise and broker, per local day: the rolling base of the
-- officer–enterprise and officer–broker concentration analyses. One row per (day, officer, step, section,
-- enterprise, broker); a night recomputes only the days its delivery touched (see macros/windows.sql).
with steps as (
    select
        {{ local_date('w.end_ts') }} as activity_date,
        w.officer_id,
        w.step_code,
        w.section_unit_code,
        w.customs_code,
        w.entry_id,
        w.end_ts
    from {{ ref('stg_raw__dec_workflow') }} as w
    where
        w.officer_id is not null
        and w.end_ts is not null
        and {{ rollup_dates_filter(local_date('w.end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
),

declarations as (
    select
        entry_id,
        trade_co,
        agent_code
    from {{ ref('stg_raw__dec_head') }}
)

select
    steps.activity_date,
    steps.officer_id,
    steps.step_code,
    steps.section_unit_code,
    steps.customs_code,
    declarations.trade_co,
    declarations.agent_code,
    count(distinct steps.entry_id) as entries_handled
from steps
inner join declarations on steps.entry_id = declarations.entry_id
group by 1, 2, 3, 4, 5, 6, 7
