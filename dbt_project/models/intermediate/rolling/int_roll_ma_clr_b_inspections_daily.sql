{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__inspection', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['site_code']}],
    )
}}
-- Finished inspections per local day (of end_ts), site, lead inspector, steering officer and enterprise: the rolling
-- base of MA-CLR-017 (fixed pairing), MA-CLR-019 (downgraded inspections) and MA-CLR-020 (steered assignments).
-- steer_officer_id is the operator of the inspection's last reassignment (inspection_reassign), else its assigner;
-- n_downgraded counts the inspections whose method ranks below their control order's required method (the
-- AP-CLR-005 event). A night recomputes only the days its delivery touched (see macros/windows.sql).
with inspections as (
    select
        i.insp_id,
        i.entry_id,
        i.control_id,
        i.site_code,
        i.lead_officer_id,
        i.assign_officer_id,
        i.method,
        {{ local_date('i.end_ts') }} as activity_date
    from {{ ref('stg_raw__inspection') }} as i
    where
        i.end_ts is not null
        and i.lead_officer_id is not null
        and {{ rollup_dates_filter(local_date('i.end_ts'), 'stg_raw__inspection', 'end_ts') }}
),

last_reassign as (
    select distinct on (r.insp_id)
        r.insp_id,
        r.operated_by_officer_id
    from {{ ref('stg_raw__inspection_reassign') }} as r
    inner join inspections on r.insp_id = inspections.insp_id
    order by r.insp_id asc, r.seq desc
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

controls as (
    select
        control_id,
        required_method
    from {{ ref('stg_raw__risk_control') }}
),

enriched as (
    select
        inspections.activity_date,
        inspections.site_code,
        inspections.lead_officer_id,
        coalesce(last_reassign.operated_by_officer_id, inspections.assign_officer_id) as steer_officer_id,
        declarations.trade_co,
        coalesce(
            {{ method_rank('inspections.method') }} < {{ method_rank('controls.required_method') }}, false
        ) as is_downgraded
    from inspections
    inner join declarations on inspections.entry_id = declarations.entry_id
    left join last_reassign on inspections.insp_id = last_reassign.insp_id
    left join controls on inspections.control_id = controls.control_id
)

select
    activity_date,
    site_code,
    lead_officer_id,
    steer_officer_id,
    trade_co,
    count(*) as n_inspections,
    count(*) filter (where is_downgraded) as n_downgraded
from enriched
group by activity_date, site_code, lead_officer_id, steer_officer_id, trade_co
