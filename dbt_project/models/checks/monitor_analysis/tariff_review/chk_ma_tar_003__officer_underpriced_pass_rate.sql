-- MA-TAR-003 关员低价放行率异常: per reviewing officer and review section over the window (biz_date - period_days,
-- biz_date], among the import items of the manual reviews the officer passed (at least min_n items), the share
-- priced more than under_pct below their reference price (same code and unit, the origin's own row before '*',
-- valid at declaration) with no valuation_action on the item exceeds the peer median + k * peer MAD, where the
-- peers are the other reviewers of the same section with at least min_n items (at least min_peers of them).
{%- set check = {
    'code': 'MA-TAR-003',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER',
    'name_zh': '关员低价放行率异常',
    'name_en': 'Officer with abnormal share of under-priced items passed',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 30, 'min_n': 50, 'under_pct': 0.3, 'k': 3, 'min_peers': 3},
} %}
{{ config(meta={'check': check}) }}

with reviewed as (
    select * from {{ ref('int_roll_ma_tar_a_handled_items') }}
    where
        step_code = 'MANUAL_REVIEW'
        and result_code = 'PASS'
        and ie_flag = 'I'
        and officer_id is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

price_references as (
    select * from {{ ref('stg_raw__price_reference') }}
),

valuation_actions as (
    select * from {{ ref('stg_raw__valuation_action') }}
),

priced as (
    -- the most specific reference: the item's own origin before '*', then the latest valid_from
    select distinct on (reviewed.entry_id, reviewed.step_seq, reviewed.g_no)
        reviewed.*,
        price_references.ref_unit_price_usd
    from reviewed
    left join price_references
        on
            reviewed.code_ts = price_references.code_ts
            and reviewed.g_unit = price_references.unit
            and price_references.origin_country in (reviewed.origin_country, '*')
            and {{ local_date('reviewed.declare_ts') }} >= price_references.valid_from
            and {{ local_date('reviewed.declare_ts') }} <= coalesce(price_references.valid_to, date '9999-12-31')
    order by
        reviewed.entry_id asc,
        reviewed.step_seq asc,
        reviewed.g_no asc,
        (price_references.origin_country = '*') asc,
        price_references.valid_from desc
),

flagged as (
    select
        priced.*,
        coalesce(
            priced.usd_unit_price < priced.ref_unit_price_usd * (1 - {{ check_param(check, 'under_pct') }})
            and not exists (
                select 1 from valuation_actions
                where priced.entry_id = valuation_actions.entry_id and priced.g_no = valuation_actions.g_no
            ),
            false
        ) as is_underpriced_unchallenged
    from priced
),

per_officer as (
    select
        officer_id,
        section_unit_code,
        count(*) as n,
        count(*) filter (where is_underpriced_unchallenged) as n_under,
        (count(*) filter (where is_underpriced_unchallenged))::numeric / count(*) as share_under,
        max(end_ts) as last_review_ts,
        min(trade_co) filter (where is_underpriced_unchallenged) as any_enterprise,
        count(distinct trade_co) filter (where is_underpriced_unchallenged) as n_enterprises
    from flagged
    group by officer_id, section_unit_code
),

compared as (
    select
        per_officer.*,
        peers.n_peers,
        peers.median_share,
        spread.mad_share
    from per_officer
    left join lateral (
        select
            count(*) as n_peers,
            percentile_cont(0.5) within group (order by peer.share_under) as median_share
        from per_officer as peer
        where
            peer.section_unit_code = per_officer.section_unit_code
            and peer.officer_id <> per_officer.officer_id
            and peer.n >= {{ check_param(check, 'min_n') }}
    ) as peers on true
    left join lateral (
        select percentile_cont(0.5) within group (order by abs(peer.share_under - peers.median_share)) as mad_share
        from per_officer as peer
        where
            peer.section_unit_code = per_officer.section_unit_code
            and peer.officer_id <> per_officer.officer_id
            and peer.n >= {{ check_param(check, 'min_n') }}
    ) as spread on true
    where per_officer.n >= {{ check_param(check, 'min_n') }}
),

fired as (
    select
        last_review_ts as event_ts,
        officer_id,
        case when n_enterprises = 1 then any_enterprise end as enterprise_code,
        officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'section_unit_code', section_unit_code,
            'n', n,
            'n_underpriced_unchallenged', n_under,
            'share', round(share_under, 4),
            'peer_n', n_peers,
            'peer_median', round(median_share::numeric, 4),
            'peer_mad', round(mad_share::numeric, 4),
            'threshold', round((median_share + {{ check_param(check, 'k') }} * mad_share)::numeric, 4),
            'under_pct', {{ check_param(check, 'under_pct') }}
        ) as evidence
    from compared
    where
        n_under > 0
        and n_peers >= {{ check_param(check, 'min_peers') }}
        and share_under > median_share + {{ check_param(check, 'k') }} * mad_share
)

{{ emit_alerts('fired', check) }}
