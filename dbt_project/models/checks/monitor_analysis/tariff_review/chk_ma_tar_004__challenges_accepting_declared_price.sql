-- MA-TAR-004 价格质疑接受申报价比例过高: per officer over the window (biz_date - period_days, biz_date], of the price
-- challenges and consultations (valuation_action CHALLENGE/CONSULT) the officer closed (closed_ts in the window,
-- at least min_n), the share closed ACCEPT_DECLARED exceeds max_share, or exceeds the 90th percentile of the
-- other officers of the officer's section (post assignment at the closing) who closed at least min_n
-- (at least min_peers such peers).
{%- set check = {
    'code': 'MA-TAR-004',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER',
    'name_zh': '价格质疑接受申报价比例过高',
    'name_en': 'Price challenges closed at declared price too often',
    'attribution': 'officer = valuation_action.officer_id',
    'params': {'period_days': 30, 'min_n': 10, 'max_share': 0.9, 'min_peers': 3},
} %}
{{ config(meta={'check': check}) }}

with closed as (
    select * from {{ ref('stg_raw__valuation_action') }}
    where
        action_type in ('CHALLENGE', 'CONSULT')
        and officer_id is not null
        and closed_ts is not null
        and {{ in_window(local_date('closed_ts'), check_param(check, 'period_days')) }}
),

attribution as (
    select * from {{ ref('int_officer_attribution') }}
),

per_officer as (
    select
        closed.officer_id,
        count(*) as n,
        count(*) filter (where closed.outcome = 'ACCEPT_DECLARED') as n_accept,
        (count(*) filter (where closed.outcome = 'ACCEPT_DECLARED'))::numeric / count(*) as share_accept,
        max(closed.closed_ts) as last_closed_ts
    from closed
    group by closed.officer_id
),

sectioned as (
    select
        per_officer.*,
        (
            select attribution.section_unit_code
            from attribution
            where
                attribution.officer_id = per_officer.officer_id
                and {{ local_date('per_officer.last_closed_ts') }} >= attribution.valid_from
                and {{ local_date('per_officer.last_closed_ts') }} < coalesce(attribution.valid_to, date '9999-12-31')
            order by attribution.valid_from desc
            limit 1
        ) as section_unit_code
    from per_officer
),

compared as (
    select
        sectioned.*,
        peers.n_peers,
        peers.p90_share
    from sectioned
    left join lateral (
        select
            count(*) as n_peers,
            percentile_cont(0.9) within group (order by peer.share_accept) as p90_share
        from sectioned as peer
        where
            peer.section_unit_code = sectioned.section_unit_code
            and peer.officer_id <> sectioned.officer_id
            and peer.n >= {{ check_param(check, 'min_n') }}
    ) as peers on true
    where sectioned.n >= {{ check_param(check, 'min_n') }}
),

fired as (
    select
        last_closed_ts as event_ts,
        officer_id,
        null::text as enterprise_code,
        officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', n,
            'n_accept_declared', n_accept,
            'share', round(share_accept, 4),
            'max_share', {{ check_param(check, 'max_share') }},
            'peer_n', n_peers,
            'peer_p90', round(p90_share::numeric, 4)
        ) as evidence
    from compared
    where
        share_accept > {{ check_param(check, 'max_share') }}
        or (n_peers >= {{ check_param(check, 'min_peers') }} and share_accept > p90_share)
)

{{ emit_alerts('fired', check) }}
