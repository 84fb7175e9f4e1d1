-- MA-MNF-006 转关运输超期未到或未核销: a transit whose arrival deadline (time_limit_ts) fell before the business day
-- (local date < biz_date), not arrived or arrived after the deadline, not written off (status not WRITTEN_OFF or
-- CANCELLED), with no smuggling case on its entry (related_entry_id). Charged to the transit section of the start
-- customs (officer NULL; evidence names the start and destination customs and their sections).
{%- set check = {
    'code': 'MA-MNF-006',
    'module': 'monitor_analysis',
    'business_line': 'manifest_transit',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'TRANSIT',
    'name_zh': '转关运输超期未到或未核销',
    'name_en': 'Transit overdue',
    'attribution': 'start customs transit section (and destination)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with transits as (
    select * from {{ ref('stg_raw__transit') }}
    where
        time_limit_ts is not null
        and {{ local_date('time_limit_ts') }} < {{ biz_date() }}
        and (arrival_ts is null or arrival_ts > time_limit_ts)
        and status not in ('WRITTEN_OFF', 'CANCELLED')
),

cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'MANIFEST'
),

fired as (
    select
        transits.transit_no as object_id,
        transits.time_limit_ts as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'transit_mode', transits.transit_mode,
            'entry_id', transits.entry_id,
            'bill_no', transits.bill_no,
            'status', transits.status,
            'handover_ts', transits.handover_ts,
            'time_limit_ts', transits.time_limit_ts,
            'arrival_ts', transits.arrival_ts,
            'start_customs_code', transits.start_customs_code,
            'dest_customs_code', transits.dest_customs_code,
            'start_section', coalesce(start_sections.section_unit_code, transits.start_customs_code),
            'dest_section', coalesce(dest_sections.section_unit_code, transits.dest_customs_code)
        ) as evidence
    from transits
    left join post_sections as start_sections on transits.start_customs_code = start_sections.customs_code
    left join post_sections as dest_sections on transits.dest_customs_code = dest_sections.customs_code
    where not exists (
        select 1 from cases
        where cases.related_entry_id = transits.entry_id
    )
)

{{ emit_alerts('fired', check) }}
