{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_head', 'declare_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['trade_co']}],
    )
}}
-- Declarations per local declaration day, enterprise (trade_co) and declaring customs: the rolling base of the
-- "enterprise follows officer" analysis (MA-TAR-025), which compares where an enterprise declares before and after
-- an officer's move. A night recomputes only the declaration days its delivery touched.
select
    {{ local_date('h.declare_ts') }} as activity_date,
    h.trade_co,
    h.declare_customs_code,
    count(*) as entries_declared
from {{ ref('stg_raw__dec_head') }} as h
where
    h.trade_co is not null
    and h.declare_ts is not null
    and {{ rollup_dates_filter(local_date('h.declare_ts'), 'stg_raw__dec_head', 'declare_ts') }}
group by 1, 2, 3
