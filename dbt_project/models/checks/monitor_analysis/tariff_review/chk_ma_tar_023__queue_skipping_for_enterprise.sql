-- MA-TAR-023 审单挑单(越序领取特定企业报关单): every MANUAL_REVIEW claim w (start_ts set, officer known) started in
-- the window (biz_date - period_days, biz_date]; skipped(w) = the MANUAL_REVIEW steps w2 of the same section that
-- entered the queue before w (w2.queue_entered_ts < w.queue_entered_ts, at most lookback_days before) and were still
-- waiting when w was claimed (w2.start_ts NULL or later than w.start_ts, and w2 not ended before w.start_ts). Per
-- (officer, trade_co): fires when the officer made n >= min_n claims of the enterprise's entries in the window and
-- at least min_share of them skipped >= min_skipped waiting entries. Object OFFICER_ENTERPRISE = officer_id|trade_co;
-- charged to the reviewer.
{%- set check = {
    'code': 'MA-TAR-023',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '审单挑单(越序领取特定企业报关单)',
    'name_en': 'Queue-skipping to pick a specific enterprise (挑单)',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 30, 'min_skipped': 10, 'min_share': 0.5, 'min_n': 10, 'lookback_days': 30},
} %}
{{ config(meta={'check': check}) }}

with queue as (
    select *
    from {{ ref('int_roll_ma_tar_b_manual_reviews') }}
    where
        activity_date
        > {{ biz_date() }} - {{ check_param(check, 'period_days') }} - {{ check_param(check, 'lookback_days') }}
        and section_unit_code is not null
),

claims as (
    select *
    from queue
    where
        officer_id is not null
        and start_ts is not null
        and trade_co is not null
        and {{ in_window(local_date('start_ts'), check_param(check, 'period_days')) }}
),

skips as (
    select
        claims.entry_id,
        claims.step_seq,
        claims.officer_id,
        claims.trade_co,
        claims.section_unit_code,
        claims.start_ts,
        (
            select count(*)
            from queue as w2
            where
                w2.section_unit_code = claims.section_unit_code
                and w2.queue_entered_ts < claims.queue_entered_ts
                and w2.queue_entered_ts
                >= claims.queue_entered_ts - interval '{{ check_param(check, "lookback_days") }} days'
                and (w2.start_ts is null or w2.start_ts > claims.start_ts)
                and (w2.end_ts is null or w2.end_ts > claims.start_ts)
        ) as skipped
    from claims
),

pairs as (
    select
        officer_id,
        trade_co,
        count(*) as n,
        count(*) filter (where skipped >= {{ check_param(check, 'min_skipped') }}) as n_skipping,
        max(skipped) as max_skipped,
        max(start_ts) as last_claim_ts,
        min(section_unit_code) as section_unit_code
    from skips
    group by officer_id, trade_co
),

fired as (
    select
        pairs.officer_id || '|' || pairs.trade_co as object_id,
        pairs.last_claim_ts as event_ts,
        pairs.officer_id,
        pairs.trade_co as enterprise_code,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'section_unit_code', pairs.section_unit_code,
            'n', pairs.n,
            'n_skipping', pairs.n_skipping,
            'share', round(pairs.n_skipping::numeric / pairs.n, 4),
            'max_skipped', pairs.max_skipped,
            'min_skipped', {{ check_param(check, 'min_skipped') }},
            'min_share', {{ check_param(check, 'min_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from pairs
    where
        pairs.n >= {{ check_param(check, 'min_n') }}
        and pairs.n_skipping::numeric / pairs.n >= {{ check_param(check, 'min_share') }}
)

{{ emit_alerts('fired', check) }}
