-- MA-TAR-015 审单时效离群(压单): per reviewer and review section, the manual reviews (MANUAL_REVIEW with start and end)
-- that ended in the window (biz_date - period_days, biz_date]: fires when the officer has n >= min_n of them and
-- their median WH(start_ts, end_ts) is above k x the p90 of the same section's other reviewers in the window.
-- Object OFFICER = officer_id|section|first day of the fixed period of period_days holding the business day (one
-- alert per officer, section and period). Charged to the reviewer.
{%- set check = {
    'code': 'MA-TAR-015',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'OFFICER',
    'name_zh': '审单时效离群(压单)',
    'name_en': 'Officer review turnaround outlier (holding entries)',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 30, 'min_n': 30, 'k': 1.5},
} %}
{{ config(meta={'check': check}) }}

with reviews as (
    select *
    from {{ ref('int_roll_ma_tar_b_manual_reviews') }}
    where
        activity_date > {{ biz_date() }} - {{ check_param(check, 'period_days') }} - 60
        and officer_id is not null
        and review_wh is not null
        and {{ in_window(local_date('end_ts'), check_param(check, 'period_days')) }}
),

per_officer as (
    select
        section_unit_code,
        officer_id,
        count(*) as n,
        percentile_cont(0.5) within group (order by review_wh) as median_wh,
        max(end_ts) as last_end_ts
    from reviews
    group by section_unit_code, officer_id
),

peers as (
    select
        per_officer.section_unit_code,
        per_officer.officer_id,
        count(*) as peer_n,
        percentile_cont(0.9) within group (order by reviews.review_wh) as peer_p90_wh
    from per_officer
    inner join reviews
        on
            per_officer.section_unit_code = reviews.section_unit_code
            and per_officer.officer_id <> reviews.officer_id
    where per_officer.n >= {{ check_param(check, 'min_n') }}
    group by per_officer.section_unit_code, per_officer.officer_id
),

fired as (
    select
        per_officer.officer_id || '|' || per_officer.section_unit_code || '|'
        || {{ ma_period_start(check_param(check, 'period_days')) }} as object_id,
        per_officer.last_end_ts as event_ts,
        per_officer.officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'section_unit_code', per_officer.section_unit_code,
            'n', per_officer.n,
            'median_wh', round(per_officer.median_wh::numeric, 2),
            'peer_n', peers.peer_n,
            'peer_p90_wh', round(peers.peer_p90_wh::numeric, 2),
            'k', {{ check_param(check, 'k') }},
            'threshold_wh', round((peers.peer_p90_wh * {{ check_param(check, 'k') }})::numeric, 2)
        ) as evidence
    from per_officer
    inner join peers
        on per_officer.section_unit_code = peers.section_unit_code and per_officer.officer_id = peers.officer_id
    where
        per_officer.n >= {{ check_param(check, 'min_n') }}
        and per_officer.median_wh > peers.peer_p90_wh * {{ check_param(check, 'k') }}
)

{{ emit_alerts('fired', check) }}
