{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__ops_audit_log', 'event_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['officer_id', 'action']}],
    )
}}
-- Operation-log actions per local day, officer and action (first and last time): the rolling base of the
-- security checks' look-backs (EX-SEC-004's dormant accounts) and of the my-watch officer baseline (MW-002).
-- A night recomputes only the days its delivery touched (see macros/windows.sql).
select
    {{ local_date('l.event_ts') }} as activity_date,
    l.officer_id,
    l.action,
    count(*) as n_actions,
    min(l.event_ts) as first_ts,
    max(l.event_ts) as last_ts
from {{ ref('stg_raw__ops_audit_log') }} as l
where {{ rollup_dates_filter(local_date('l.event_ts'), 'stg_raw__ops_audit_log', 'event_ts') }}
group by 1, 2, 3
