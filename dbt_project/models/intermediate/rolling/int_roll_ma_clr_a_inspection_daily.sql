{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ ma_clr_a_delete_touched('activity_date', [['stg_raw__inspection', 'end_ts']]) }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['site_code', 'lead_officer_id']}],
    )
}}
-- Finished inspections per local day of their end, lead inspector, site and control source: the rolling base of
-- MA-CLR-001 (hit rate), MA-CLR-003 (too short), MA-CLR-004 (evidence missing) and MA-CLR-009 (wait before
-- inspection). A night recomputes only the end dates its delivery touched (macros/windows.sql, ma_clr_a.sql).
-- The thresholds of MA-CLR-003 (min_minutes_per_container) and MA-CLR-004 (sample_chapters) are read from those
-- checks' declarations; changing them needs --full-refresh of this model.
{%- set min_minutes = ma_clr_a_check_param('MA-CLR-003', 'min_minutes_per_container') or 0 %}
{%- set chapters = ma_clr_a_check_param('MA-CLR-004', 'sample_chapters') or [] %}

with inspections as (
    select
        i.*,
        {{ local_date('i.end_ts') }} as activity_date
    from {{ ref('stg_raw__inspection') }} as i
    where
        i.end_ts is not null
        and {{ ma_clr_a_dates_filter(local_date('i.end_ts'), [['stg_raw__inspection', 'end_ts']]) }}
),

controls as (
    select
        control_id,
        control_source
    from {{ ref('stg_raw__risk_control') }}
),

assessed as (
    select
        inspections.activity_date,
        inspections.lead_officer_id,
        inspections.site_code,
        coalesce(controls.control_source, 'NONE') as control_source,
        coalesce(inspections.result in ('ABNORMAL', 'SEIZURE'), false) as is_hit,
        coalesce(inspections.method in ('PARTIAL', 'FULL'), false) as is_opening,
        extract(epoch from (inspections.end_ts - inspections.start_ts)) / 60.0
        < {{ min_minutes }} * greatest(coalesce(inspections.container_count, 0), 1) as is_short,
        inspections.photo_count = 0
        or (
            inspections.result in ('ABNORMAL', 'SEIZURE')
            and not inspections.sample_taken
            and exists (
                select 1 from {{ ref('stg_raw__dec_item') }} as items
                where
                    items.entry_id = inspections.entry_id
                    and left(items.code_ts, 2) in {{ ma_clr_a_sql_list(chapters) }}
            )
        ) as is_evidence_missing,
        case
            when inspections.start_ts is not null and not inspections.postponed_by_trader
                then {{ working_hours_between('inspections.assign_ts', 'inspections.start_ts') }}
        end as wait_hours
    from inspections
    left join controls on inspections.control_id = controls.control_id
)

select
    activity_date,
    lead_officer_id,
    site_code,
    control_source,
    count(*) as n_inspections,
    count(*) filter (where is_hit) as n_hits,
    count(*) filter (where is_opening) as n_opening,
    count(*) filter (where is_opening and is_short) as n_short,
    count(*) filter (where is_opening and is_evidence_missing) as n_evidence_missing,
    count(wait_hours) as n_waits,
    coalesce(sum(wait_hours), 0) as sum_wait_hours,
    coalesce(
        jsonb_agg(round(wait_hours, 3) order by wait_hours) filter (where wait_hours is not null), '[]'::jsonb
    ) as wait_hours
from assessed
group by 1, 2, 3, 4
