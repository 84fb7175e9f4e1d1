-- MA-TAR-021 审单关员与企业固定配对: MANUAL_REVIEW entries finished in the window (biz_date - period_days, biz_date]
-- (int_roll_officer_handling_daily), per review section. In a section with at least min_peers reviewers in the
-- window, fires for (officer, trade_co) when the enterprise has n(ent) >= min_n reviewed entries there and the
-- officer reviewed share = n(officer, ent) / n(ent) >= min_share of them, with share > peer_factor / n_reviewers (3x
-- an even split). Object OFFICER_ENTERPRISE = officer_id|trade_co; charged to the reviewer.
{%- set check = {
    'code': 'MA-TAR-021',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '审单关员与企业固定配对',
    'name_en': 'Reviewer–enterprise fixed pairing',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 90, 'min_peers': 3, 'min_share': 0.6, 'min_n': 30, 'peer_factor': 3},
} %}
{{ config(meta={'check': check}) }}

with handled as (
    select * from {{ ref('int_roll_officer_handling_daily') }}
    where
        step_code = 'MANUAL_REVIEW'
        and trade_co is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

pairs as (
    select
        section_unit_code,
        officer_id,
        trade_co,
        sum(entries_handled) as n_pair,
        max(activity_date) as last_date
    from handled
    group by section_unit_code, officer_id, trade_co
),

enterprises as (
    select
        section_unit_code,
        trade_co,
        sum(n_pair) as n_ent
    from pairs
    group by section_unit_code, trade_co
),

sections as (
    select
        section_unit_code,
        count(distinct officer_id) as n_reviewers
    from pairs
    group by section_unit_code
),

shares as (
    select
        pairs.*,
        enterprises.n_ent,
        sections.n_reviewers,
        pairs.n_pair::numeric / enterprises.n_ent as pair_share
    from pairs
    inner join enterprises
        on pairs.section_unit_code = enterprises.section_unit_code and pairs.trade_co = enterprises.trade_co
    inner join sections on pairs.section_unit_code = sections.section_unit_code
),

fired as (
    select distinct on (shares.officer_id, shares.trade_co)
        shares.officer_id || '|' || shares.trade_co as object_id,
        {{ ma_noon('shares.last_date') }} as event_ts,
        shares.officer_id,
        shares.trade_co as enterprise_code,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'section_unit_code', shares.section_unit_code,
            'n', shares.n_pair,
            'n_enterprise', shares.n_ent,
            'share', round(shares.pair_share, 4),
            'n_reviewers', shares.n_reviewers,
            'even_share', round(1.0 / shares.n_reviewers, 4),
            'min_share', {{ check_param(check, 'min_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from shares
    where
        shares.n_reviewers >= {{ check_param(check, 'min_peers') }}
        and shares.n_ent >= {{ check_param(check, 'min_n') }}
        and shares.pair_share >= {{ check_param(check, 'min_share') }}
        and shares.pair_share > {{ check_param(check, 'peer_factor') }}::numeric / shares.n_reviewers
    order by shares.officer_id asc, shares.trade_co asc, shares.pair_share desc
)

{{ emit_alerts('fired', check) }}
