-- MA-PT-020 核销周期偏长: per verification officer, the verifications closed in the window
-- (biz_date - period_days, biz_date] with their days from acceptance to close (local dates). Fires when the median
-- exceeds max_median_days over at least min_n of them, or any single one exceeds max_days. One alert per officer.
-- Interpretation: a median needs min_n verifications (a single slow case is judged by max_days only).
{%- set check = {
    'code': 'MA-PT-020',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'OFFICER',
    'name_zh': '核销周期偏长',
    'name_en': 'Slow verification by officer',
    'attribution': 'officer (verifier)',
    'params': {'period_days': 90, 'max_median_days': 25, 'max_days': 60, 'min_n': 3},
} %}
{{ config(meta={'check': check}) }}

with verifications as (
    select
        *,
        {{ local_date('close_ts') }} - {{ local_date('accept_ts') }} as verify_days
    from {{ ref('stg_raw__pt_verification') }}
    where
        close_ts is not null
        and accept_ts is not null
        and officer_id is not null
        and {{ in_window(local_date('close_ts'), check_param(check, 'period_days')) }}
),

per_officer as (
    select
        officer_id,
        count(*) as n,
        percentile_cont(0.5) within group (order by verify_days) as median_days,
        max(verify_days) as max_verify_days,
        max(close_ts) as last_close_ts,
        jsonb_agg(
            jsonb_build_object('verif_id', verif_id, 'manual_no', manual_no, 'days', verify_days)
            order by verify_days desc, verif_id asc
        ) filter (where verify_days > {{ check_param(check, 'max_median_days') }}) as slow_verifications
    from verifications
    group by officer_id
),

fired as (
    select
        officer_id as object_id,
        last_close_ts as event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n', n,
            'median_days', median_days,
            'max_days_observed', max_verify_days,
            'max_median_days', {{ check_param(check, 'max_median_days') }},
            'max_days', {{ check_param(check, 'max_days') }},
            'min_n', {{ check_param(check, 'min_n') }},
            'slow_verifications', slow_verifications
        ) as evidence
    from per_officer
    where
        (n >= {{ check_param(check, 'min_n') }} and median_days > {{ check_param(check, 'max_median_days') }})
        or max_verify_days > {{ check_param(check, 'max_days') }}
)

{{ emit_alerts('fired', check) }}
