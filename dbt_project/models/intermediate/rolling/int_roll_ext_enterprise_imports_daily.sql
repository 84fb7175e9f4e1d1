{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('declare_date', 'stg_raw__dec_head', 'declare_ts') }}",
        indexes=[{'columns': ['declare_date']}, {'columns': ['trade_co']}],
    )
}}
-- Imports per local declaration day, trade_co and HS chapter (first two digits of code_ts): entries, customs value
-- and entries with an inspection. The rolling base of EX-ENT-003 (new enterprises' sensitive imports). A night
-- recomputes only the declaration days its delivery touched (macros/windows.sql); an inspection is counted when its
-- declaration's day is (re)computed.
with heads as (
    select
        h.entry_id,
        h.trade_co,
        {{ local_date('h.declare_ts') }} as declare_date
    from {{ ref('stg_raw__dec_head') }} as h
    where
        h.ie_flag = 'I'
        and h.declare_ts is not null
        and {{ rollup_dates_filter(local_date('h.declare_ts'), 'stg_raw__dec_head', 'declare_ts') }}
),

inspected as (
    select distinct i.entry_id
    from {{ ref('stg_raw__inspection') }} as i
    inner join heads on i.entry_id = heads.entry_id
)

select
    heads.declare_date,
    heads.trade_co,
    left(items.code_ts, 2) as chapter,
    count(distinct heads.entry_id) as entries,
    count(distinct inspected.entry_id) as inspected_entries,
    sum(items.cny_value) as value_cny
from heads
inner join {{ ref('stg_raw__dec_item') }} as items on heads.entry_id = items.entry_id
left join inspected on heads.entry_id = inspected.entry_id
group by 1, 2, 3
