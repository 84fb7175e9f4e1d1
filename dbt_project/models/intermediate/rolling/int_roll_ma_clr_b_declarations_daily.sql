{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('declare_date', 'stg_raw__dec_head', 'declare_ts') }}",
        indexes=[{'columns': ['declare_date']}, {'columns': ['trade_co']}],
    )
}}
-- Declarations per local day (of declare_ts), declaring customs and enterprise: the rolling base of MA-CLR-022
-- (the days an enterprise declares, and the days its customs received any declaration). A night recomputes only
-- the days its delivery touched (see macros/windows.sql).
select
    {{ local_date('h.declare_ts') }} as declare_date,
    h.declare_customs_code,
    h.trade_co,
    count(*) as n_entries
from {{ ref('stg_raw__dec_head') }} as h
where
    h.declare_ts is not null
    and h.trade_co is not null
    and h.dec_status <> 'DELETED'
    and {{ rollup_dates_filter(local_date('h.declare_ts'), 'stg_raw__dec_head', 'declare_ts') }}
group by 1, 2, 3
