{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['officer_id', 'trade_co']}],
    )
}}
-- Off-duty operations per local day (of end_ts), officer, step and enterprise: the INSPECT, RELEASE and
-- MANUAL_REVIEW steps an officer finished while is_off_duty(officer, end_ts). The rolling base of MA-CLR-018 (with
-- the FORCE_RELEASE actions of int_roll_ma_clr_b_ops_actions_daily). Only off-duty steps are kept; a night
-- recomputes only the days its delivery touched (see macros/windows.sql).
with steps as (
    select
        {{ local_date('w.end_ts') }} as activity_date,
        w.entry_id,
        w.officer_id,
        w.step_code,
        w.end_ts
    from {{ ref('stg_raw__dec_workflow') }} as w
    where
        w.officer_id is not null
        and w.end_ts is not null
        and w.step_code in ('INSPECT', 'RELEASE', 'MANUAL_REVIEW')
        and {{ rollup_dates_filter(local_date('w.end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
),

off_duty as (
    select *
    from steps
    where {{ is_off_duty('steps.officer_id', 'steps.end_ts') }}
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
)

select
    off_duty.activity_date,
    off_duty.officer_id,
    off_duty.step_code,
    declarations.trade_co,
    count(*) as n_ops,
    max(off_duty.end_ts) as last_ts
from off_duty
inner join declarations on off_duty.entry_id = declarations.entry_id
group by 1, 2, 3, 4
