-- MA-CLR-020 查验派单定向: per (steering officer, final lead inspector, enterprise, site) over the inspections finished
-- in the window (biz_date - :period_days, biz_date] at a site where at least :min_peers distinct lead inspectors
-- worked: the officer who assigned the inspection (or operated its last reassignment) gave n >= :min_n of his
-- assignments of that enterprise's inspections to the same inspector, a share >= :min_share of them.
{%- set check = {
    'code': 'MA-CLR-020',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'ASSIGNER_INSPECTOR_ENTERPRISE',
    'name_zh': '查验派单定向',
    'name_en': 'Inspection assignments steered to one inspector',
    'attribution': 'officer = assigner (assign_officer_id or last reassignment operator); inspector in evidence',
    'params': {'period_days': 90, 'min_peers': 4, 'min_n': 5, 'min_share': 0.6},
} %}
{{ config(meta={'check': check}) }}

with daily as (
    select * from {{ ref('int_roll_ma_clr_b_inspections_daily') }}
    where
        {{ in_window('activity_date', check_param(check, 'period_days')) }}
        and steer_officer_id is not null
),

sites as (
    select
        site_code,
        count(distinct lead_officer_id) as n_inspectors
    from {{ ref('int_roll_ma_clr_b_inspections_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
    group by site_code
    having count(distinct lead_officer_id) >= {{ check_param(check, 'min_peers') }}
),

triples as (
    select
        daily.site_code,
        daily.steer_officer_id,
        daily.lead_officer_id,
        daily.trade_co,
        sum(daily.n_inspections) as n,
        max(daily.activity_date) as last_date
    from daily
    inner join sites on daily.site_code = sites.site_code
    group by daily.site_code, daily.steer_officer_id, daily.lead_officer_id, daily.trade_co
),

shares as (
    select
        triples.*,
        sites.n_inspectors,
        sum(triples.n) over (
            partition by triples.site_code, triples.steer_officer_id, triples.trade_co
        ) as n_assigned
    from triples
    inner join sites on triples.site_code = sites.site_code
),

fired as (
    select
        steer_officer_id || '|' || lead_officer_id || '|' || trade_co as object_id,
        ((last_date + 1)::timestamp at time zone '{{ var("timezone") }}') - interval '1 second' as event_ts,
        steer_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'site_code', site_code,
            'inspector_id', lead_officer_id,
            'window_start', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_end', {{ biz_date() }},
            'n', n,
            'n_assigned', n_assigned,
            'share', round(n::numeric / n_assigned, 4),
            'n_inspectors', n_inspectors,
            'expected_share', round(1.0 / n_inspectors, 4),
            'min_share', {{ check_param(check, 'min_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from shares
    where
        n >= {{ check_param(check, 'min_n') }}
        and n::numeric / n_assigned >= {{ check_param(check, 'min_share') }}
)

{{ emit_alerts('fired', check) }}
