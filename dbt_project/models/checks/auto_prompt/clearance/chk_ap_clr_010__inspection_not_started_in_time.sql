-- AP-CLR-010 查验不及时: an inspection started on the business day more than :max_hours working hours after it was
-- assigned, or not started at all and already waiting more than :max_hours working hours at the end of the
-- business day; inspections the trader asked to postpone are excluded.
{%- set check = {
    'code': 'AP-CLR-010',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'INSPECTION',
    'name_zh': '查验不及时',
    'name_en': 'Inspection not started in time',
    'attribution': 'officer = i.lead_officer_id; inspection section',
    'params': {'max_hours': 16},
} %}
{{ config(meta={'check': check}) }}

with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where
        not postponed_by_trader
        and (
            {{ local_date('start_ts') }} = {{ biz_date() }}
            or (start_ts is null and assign_ts < {{ end_of_biz_date() }})
        )
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'INSPECT'
),

waits as (
    select
        *,
        case
            when start_ts is not null then {{ working_hours_between('assign_ts', 'start_ts') }}
            else {{ working_hours_between('assign_ts', end_of_biz_date()) }}
        end as waited_hours
    from inspections
),

fired as (
    select
        waits.insp_id as object_id,
        waits.lead_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        coalesce(waits.start_ts, waits.assign_ts) as event_ts,
        jsonb_build_object(
            'entry_id', waits.entry_id,
            'assign_ts', waits.assign_ts,
            'start_ts', waits.start_ts,
            'waited_working_hours', round(waits.waited_hours, 2),
            'site_code', waits.site_code,
            'inspection_section', post_sections.section_unit_code
        ) as evidence
    from waits
    left join declarations on waits.entry_id = declarations.entry_id
    left join post_sections on declarations.declare_customs_code = post_sections.customs_code
    where waits.waited_hours > {{ check_param(check, 'max_hours') }}
)

{{ emit_alerts('fired', check) }}
