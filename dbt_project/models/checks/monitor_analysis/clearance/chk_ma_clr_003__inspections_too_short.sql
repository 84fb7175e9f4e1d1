-- MA-CLR-003 查验时长过短: per lead inspector, over the window (:biz_date - :period_days, :biz_date], the opening
-- inspections (method PARTIAL or FULL) ended in the window; an inspection is too short when it lasted fewer than
-- :min_minutes_per_container × GREATEST(container_count, 1) minutes. Fires when n >= :min_n and the share of short
-- ones exceeds :max_share. Reads the rolling int_roll_ma_clr_a_inspection_daily.
{%- set check = {
    'code': 'MA-CLR-003',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'OFFICER',
    'name_zh': '查验时长过短',
    'name_en': 'Inspections too short for the method',
    'attribution': 'officer (inspector)',
    'params': {'period_days': 30, 'min_minutes_per_container': 20, 'max_share': 0.2, 'min_n': 20},
} %}
{{ config(meta={'check': check}) }}

with per_officer as (
    select
        lead_officer_id,
        sum(n_opening)::int as n,
        sum(n_short)::int as n_short,
        array_agg(distinct site_code order by site_code) as sites
    from {{ ref('int_roll_ma_clr_a_inspection_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
    group by 1
),

fired as (
    select
        lead_officer_id as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        lead_officer_id as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n', n,
            'n_short', n_short,
            'share', round(n_short::numeric / n, 4),
            'max_share', {{ check_param(check, 'max_share') }},
            'min_minutes_per_container', {{ check_param(check, 'min_minutes_per_container') }},
            'sites', to_jsonb(sites)
        ) as evidence
    from per_officer
    where
        n >= {{ check_param(check, 'min_n') }}
        and n_short::numeric / n > {{ check_param(check, 'max_share') }}
)

{{ emit_alerts('fired', check) }}
