-- MA-CLR-017 查验关员与企业固定配对: per (lead inspector, enterprise, site) over the inspections finished in the window
-- (biz_date - :period_days, biz_date] at a site where at least :min_peers distinct lead inspectors worked: the
-- inspector led n >= :min_n of the enterprise's inspections there, a share >= :min_share.
{%- set check = {
    'code': 'MA-CLR-017',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '查验关员与企业固定配对',
    'name_en': 'Inspector–enterprise fixed pairing',
    'attribution': 'officer = inspection.lead_officer_id',
    'params': {'period_days': 90, 'min_peers': 4, 'min_share': 0.5, 'min_n': 10},
} %}
{{ config(meta={'check': check}) }}

with daily as (
    select * from {{ ref('int_roll_ma_clr_b_inspections_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

sites as (
    select
        site_code,
        count(distinct lead_officer_id) as n_inspectors
    from daily
    group by site_code
    having count(distinct lead_officer_id) >= {{ check_param(check, 'min_peers') }}
),

pairs as (
    select
        daily.site_code,
        daily.lead_officer_id,
        daily.trade_co,
        sum(daily.n_inspections) as n,
        max(daily.activity_date) as last_date
    from daily
    inner join sites on daily.site_code = sites.site_code
    group by daily.site_code, daily.lead_officer_id, daily.trade_co
),

shares as (
    select
        pairs.*,
        sites.n_inspectors,
        sum(pairs.n) over (partition by pairs.site_code, pairs.trade_co) as n_enterprise
    from pairs
    inner join sites on pairs.site_code = sites.site_code
),

fired as (
    select
        lead_officer_id || '|' || trade_co as object_id,
        ((last_date + 1)::timestamp at time zone '{{ var("timezone") }}') - interval '1 second' as event_ts,
        lead_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'site_code', site_code,
            'window_start', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_end', {{ biz_date() }},
            'n', n,
            'n_enterprise', n_enterprise,
            'share', round(n::numeric / n_enterprise, 4),
            'n_inspectors', n_inspectors,
            'expected_share', round(1.0 / n_inspectors, 4),
            'min_share', {{ check_param(check, 'min_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from shares
    where
        n >= {{ check_param(check, 'min_n') }}
        and n::numeric / n_enterprise >= {{ check_param(check, 'min_share') }}
)

{{ emit_alerts('fired', check) }}
