{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'queue_entered_ts') }}",
        indexes=[
            {'columns': ['activity_date']}, {'columns': ['section_unit_code']}, {'columns': ['entry_id']},
        ],
    )
}}
-- Every MANUAL_REVIEW step (人工审单) in its current version, keyed by the local day it entered the queue: the rolling
-- base of the tariff-review turnaround, backlog, pairing and queue-order analyses (MA-TAR-015/016/021/023) and of
-- "who reviewed the entry" (MA-TAR-014/018/020). A step still open is delivered again every day (source contract),
-- so its queue day is touched and recomputed each night until it ends; review_wh = WH(start_ts, end_ts) is computed
-- once here, not in every window.
with delivered as (
    select
        w.entry_id,
        w.step_seq,
        w.officer_id,
        w.section_unit_code,
        w.customs_code,
        w.queue_entered_ts,
        w.start_ts,
        w.end_ts,
        w.result_code,
        w._biz_date
    from {{ ref('stg_raw__dec_workflow') }} as w
    where
        w.step_code = 'MANUAL_REVIEW'
        and w.queue_entered_ts is not null
        and {{ rollup_dates_filter(local_date('w.queue_entered_ts'), 'stg_raw__dec_workflow', 'queue_entered_ts') }}
),

current_version as (
    select distinct on (entry_id, step_seq) *
    from delivered
    order by entry_id asc, step_seq asc, _biz_date desc, (end_ts is null) asc
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
)

select
    {{ local_date('r.queue_entered_ts') }} as activity_date,
    r.entry_id,
    r.step_seq,
    r.officer_id,
    r.section_unit_code,
    r.customs_code,
    declarations.trade_co,
    r.queue_entered_ts,
    r.start_ts,
    r.end_ts,
    r.result_code,
    case
        when r.start_ts is not null and r.end_ts is not null
            then {{ working_hours_between('r.start_ts', 'r.end_ts') }}
    end as review_wh
from current_version as r
left join declarations on r.entry_id = declarations.entry_id
