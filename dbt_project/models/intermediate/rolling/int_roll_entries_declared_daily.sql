{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('declare_date', 'stg_raw__dec_head', 'declare_ts') }}",
        indexes=[{'columns': ['declare_date']}],
    )
}}
-- Declarations per local day and declaring customs: the denominator of alert density (P1, alerts per 10,000
-- entries). A night recomputes only the days its delivery touched (macros/windows.sql).
select
    {{ local_date('h.declare_ts') }} as declare_date,
    h.declare_customs_code,
    count(*) as entries_declared
from {{ ref('stg_raw__dec_head') }} as h
where
    h.declare_ts is not null
    and {{ rollup_dates_filter(local_date('h.declare_ts'), 'stg_raw__dec_head', 'declare_ts') }}
group by 1, 2
