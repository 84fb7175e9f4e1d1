-- MA-TAR-008 高值报关单审单用时过短: per reviewing officer over the window (biz_date - period_days, biz_date], among
-- the manual reviews the officer ended in the window on declarations worth at least high_value_cny
-- (total_value_cny; at least min_n such reviews), the share that took under min_seconds from claim (start_ts) to
-- end exceeds max_share.
{%- set check = {
    'code': 'MA-TAR-008',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'OFFICER',
    'name_zh': '高值报关单审单用时过短',
    'name_en': 'High-value entries reviewed implausibly fast',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 30, 'high_value_cny': 1000000, 'min_seconds': 60, 'max_share': 0.3, 'min_n': 20},
} %}
{{ config(meta={'check': check}) }}

with reviews as (
    -- one row per review step (the rolling base has one per item)
    select distinct
        entry_id,
        step_seq,
        officer_id,
        trade_co,
        start_ts,
        end_ts,
        total_value_cny
    from {{ ref('int_roll_ma_tar_a_handled_items') }}
    where
        step_code = 'MANUAL_REVIEW'
        and officer_id is not null
        and start_ts is not null
        and total_value_cny >= {{ check_param(check, 'high_value_cny') }}
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

per_officer as (
    select
        officer_id,
        count(*) as n,
        count(*) filter (
            where extract(epoch from end_ts - start_ts) < {{ check_param(check, 'min_seconds') }}
        ) as n_fast,
        max(end_ts) as last_review_ts,
        count(distinct trade_co) as n_enterprises,
        min(trade_co) as any_enterprise
    from reviews
    group by officer_id
),

fired as (
    select
        last_review_ts as event_ts,
        officer_id,
        case when n_enterprises = 1 then any_enterprise end as enterprise_code,
        officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', n,
            'n_fast', n_fast,
            'share', round(n_fast::numeric / n, 4),
            'max_share', {{ check_param(check, 'max_share') }},
            'min_seconds', {{ check_param(check, 'min_seconds') }},
            'high_value_cny', {{ check_param(check, 'high_value_cny') }}
        ) as evidence
    from per_officer
    where
        n >= {{ check_param(check, 'min_n') }}
        and n_fast::numeric / n > {{ check_param(check, 'max_share') }}
)

{{ emit_alerts('fired', check) }}
