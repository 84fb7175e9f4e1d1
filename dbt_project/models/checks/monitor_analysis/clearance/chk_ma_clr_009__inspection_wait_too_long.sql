-- MA-CLR-009 查验等待时长超标: per inspection site, over the window (:biz_date - :period_days, :biz_date], the waits
-- WH(assign_ts, start_ts) in working hours of the inspections ended in the window (not postponed by the trader).
-- Fires when at least :min_n waits were measured and their average exceeds :max_avg_hours or their 90th percentile
-- exceeds :max_p90_hours. Charged to the site (officer NULL); the evidence lists the lead inspectors with the largest
-- total wait. Reads the rolling int_roll_ma_clr_a_inspection_daily.
{%- set check = {
    'code': 'MA-CLR-009',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'SITE',
    'name_zh': '查验等待时长超标',
    'name_en': 'Average wait before inspection too long',
    'attribution': 'site/inspection section',
    'params': {'period_days': 30, 'max_avg_hours': 8, 'max_p90_hours': 24, 'min_n': 20},
} %}
{{ config(meta={'check': check}) }}

with daily as (
    select * from {{ ref('int_roll_ma_clr_a_inspection_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }} and n_waits > 0
),

per_site as (
    select
        daily.site_code,
        sum(daily.n_waits)::int as n,
        sum(daily.sum_wait_hours) / sum(daily.n_waits) as avg_hours,
        (
            select percentile_cont(0.9) within group (order by w.hours::numeric)
            from daily as d2
            cross join lateral jsonb_array_elements_text(d2.wait_hours) as w (hours)
            where d2.site_code = daily.site_code
        ) as p90_hours
    from daily
    group by 1
),

per_inspector as (
    select
        site_code,
        lead_officer_id,
        sum(n_waits)::int as n,
        sum(sum_wait_hours) as total_hours,
        row_number()
            over (partition by site_code order by sum(sum_wait_hours) desc, lead_officer_id asc)
            as rank_in_site
    from daily
    group by 1, 2
),

top_inspectors as (
    select
        site_code,
        jsonb_agg(
            jsonb_build_object(
                'officer_id', lead_officer_id, 'n', n, 'total_wait_hours', round(total_hours, 1)
            ) order by rank_in_site
        ) as inspectors
    from per_inspector
    where rank_in_site <= 3
    group by 1
),

fired as (
    select
        per_site.site_code as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'site_code', per_site.site_code,
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n', per_site.n,
            'avg_wait_hours', round(per_site.avg_hours, 2),
            'p90_wait_hours', round(per_site.p90_hours::numeric, 2),
            'max_avg_hours', {{ check_param(check, 'max_avg_hours') }},
            'max_p90_hours', {{ check_param(check, 'max_p90_hours') }},
            'top_inspectors', top_inspectors.inspectors
        ) as evidence
    from per_site
    left join top_inspectors on per_site.site_code = top_inspectors.site_code
    where
        per_site.n >= {{ check_param(check, 'min_n') }}
        and (
            per_site.avg_hours > {{ check_param(check, 'max_avg_hours') }}
            or per_site.p90_hours > {{ check_param(check, 'max_p90_hours') }}
        )
)

{{ emit_alerts('fired', check) }}
