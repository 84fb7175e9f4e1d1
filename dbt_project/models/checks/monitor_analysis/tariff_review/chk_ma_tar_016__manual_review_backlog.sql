-- MA-TAR-016 审单积压: per review section (the MANUAL_REVIEW step's section), the backlog at the end of each day d of
-- the window (biz_date - period_days, biz_date] = MANUAL_REVIEW steps with queue_entered_ts before the end of d and
-- not ended by then. Fires when the backlog exceeds max_backlog on at least min_days days, or when the oldest step
-- still pending at the end of the business day has waited more than max_age_hours working hours. Object SECTION =
-- section|first day of the fixed period of period_days (one alert per section and period). Charged to the section:
-- officer_id NULL, the section and its subordinate customs in evidence.
{%- set check = {
    'code': 'MA-TAR-016',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'SECTION',
    'name_zh': '审单积压',
    'name_en': 'Manual review backlog',
    'attribution': 'section; subordinate customs',
    'params': {'period_days': 30, 'max_backlog': 200, 'min_days': 5, 'max_age_hours': 48},
} %}
{{ config(meta={'check': check}) }}

with open_in_window as (
    -- steps pending at some day end of the window: queued by the end of the business day, not ended before it began
    select *
    from {{ ref('int_roll_ma_tar_b_manual_reviews') }}
    where
        section_unit_code is not null
        and activity_date <= {{ biz_date() }}
        and (end_ts is null or end_ts >= {{ end_of_day(biz_date() ~ ' - ' ~ check_param(check, 'period_days')) }})
),

days as (
    select d::date as backlog_day
    from generate_series(
        {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1, {{ biz_date() }}, interval '1 day'
    ) as d
),

backlog as (
    select
        open_in_window.section_unit_code,
        days.backlog_day,
        count(*) as pending
    from days
    inner join open_in_window
        on
            open_in_window.queue_entered_ts < {{ end_of_day('days.backlog_day') }}
            and (open_in_window.end_ts is null or open_in_window.end_ts > {{ end_of_day('days.backlog_day') }})
    group by open_in_window.section_unit_code, days.backlog_day
),

per_section as (
    select
        section_unit_code,
        count(*) filter (where pending > {{ check_param(check, 'max_backlog') }}) as days_over,
        max(pending) as max_pending
    from backlog
    group by section_unit_code
),

oldest as (
    select distinct on (section_unit_code)
        section_unit_code,
        entry_id,
        queue_entered_ts
    from open_in_window
    where end_ts is null or end_ts > {{ end_of_biz_date() }}
    order by section_unit_code asc, queue_entered_ts asc, entry_id asc
),

aged as (
    select
        oldest.*,
        {{ working_hours_between('oldest.queue_entered_ts', end_of_biz_date()) }} as age_wh
    from oldest
),

units as (
    select distinct on (unit_code)
        unit_code,
        parent_unit_code
    from {{ ref('stg_raw__org_unit') }}
    order by unit_code asc, valid_from desc
),

fired as (
    select
        per_section.section_unit_code || '|'
        || {{ ma_period_start(check_param(check, 'period_days')) }} as object_id,
        coalesce(aged.queue_entered_ts, {{ ma_noon(biz_date()) }}) as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'section_unit_code', per_section.section_unit_code,
            'subordinate_unit_code', units.parent_unit_code,
            'days_over_backlog', per_section.days_over,
            'max_pending', per_section.max_pending,
            'max_backlog', {{ check_param(check, 'max_backlog') }},
            'min_days', {{ check_param(check, 'min_days') }},
            'oldest_pending_entry_id', aged.entry_id,
            'oldest_queue_entered_ts', aged.queue_entered_ts,
            'oldest_age_wh', round(aged.age_wh::numeric, 2),
            'max_age_hours', {{ check_param(check, 'max_age_hours') }}
        ) as evidence
    from per_section
    left join aged on per_section.section_unit_code = aged.section_unit_code
    left join units on per_section.section_unit_code = units.unit_code
    where
        per_section.days_over >= {{ check_param(check, 'min_days') }}
        or aged.age_wh > {{ check_param(check, 'max_age_hours') }}
)

{{ emit_alerts('fired', check) }}
