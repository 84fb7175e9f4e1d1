{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['entry_id']}],
    )
}}
-- The rolling base of the tariff-review monitoring analyses MA-TAR-001..013: every item of every declaration whose
-- MANUAL_REVIEW or RELEASE step ended, per local day of the step's end, with the step's officer and timing, the
-- header fields and the item's classification, value and rate. One row per (day, entry, step, item); a night
-- recomputes only the days its delivery touched (see macros/windows.sql), so a 30-day window reads 30 small days
-- instead of the whole declaration trail.
with ended_steps as (
    -- the current version of each ended step (an open copy delivered earlier is superseded)
    select distinct on (w.entry_id, w.step_seq)
        {{ local_date('w.end_ts') }} as activity_date,
        w.entry_id,
        w.step_seq,
        w.step_code,
        w.officer_id,
        w.section_unit_code,
        w.customs_code,
        w.queue_entered_ts,
        w.start_ts,
        w.end_ts,
        w.result_code
    from {{ ref('stg_raw__dec_workflow') }} as w
    where
        w.step_code in ('MANUAL_REVIEW', 'RELEASE')
        and w.end_ts is not null
        and {{ rollup_dates_filter(local_date('w.end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
    order by w.entry_id asc, w.step_seq asc, w._biz_date desc
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
)

select
    ended_steps.activity_date,
    ended_steps.entry_id,
    ended_steps.step_seq,
    ended_steps.step_code,
    ended_steps.officer_id,
    ended_steps.section_unit_code,
    ended_steps.customs_code,
    ended_steps.queue_entered_ts,
    ended_steps.start_ts,
    ended_steps.end_ts,
    ended_steps.result_code,
    declarations.ie_flag,
    declarations.declare_ts,
    declarations.trade_co,
    declarations.trade_mode,
    declarations.cut_mode,
    declarations.trans_mode,
    declarations.traf_mode,
    declarations.fee_rate,
    declarations.insur_rate,
    declarations.manual_no,
    declarations.bill_no,
    declarations.contract_no,
    declarations.total_value_cny,
    items.g_no,
    items.code_ts,
    items.g_name,
    items.g_qty,
    items.g_unit,
    items.origin_country,
    items.duty_mode,
    items.usd_value,
    items.cny_value,
    items.applied_duty_rate,
    items.applied_rate_type,
    items.usd_value / nullif(items.g_qty, 0) as usd_unit_price
from ended_steps
inner join declarations on ended_steps.entry_id = declarations.entry_id
inner join items on ended_steps.entry_id = items.entry_id
