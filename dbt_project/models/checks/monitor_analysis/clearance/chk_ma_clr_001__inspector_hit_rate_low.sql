-- MA-CLR-001 查验查获率显著偏低: per lead inspector and site, over the :period_days window, the inspections ended
-- from control orders of the sources RISK_PARAM, INTEL, GACC and DIRECT (n >= :min_n); a hit is a result ABNORMAL or
-- SEIZURE. Fires when the inspector's hit rate is below :ratio × the peer rate (the other lead inspectors of the
-- same site, same sources, same window) and the one-sided binomial probability of so few hits at the peer rate,
-- P(X <= hits | n, peer_rate), is below :alpha. Reads the rolling int_roll_ma_clr_a_inspection_daily.
{%- set check = {
    'code': 'MA-CLR-001',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER_SITE',
    'name_zh': '查验查获率显著偏低',
    'name_en': 'Inspector hit rate far below peers',
    'attribution': 'officer (inspector)',
    'params': {'period_days': 90, 'min_n': 50, 'ratio': 0.3, 'alpha': 0.01},
} %}
{{ config(meta={'check': check}) }}

with daily as (
    select * from {{ ref('int_roll_ma_clr_a_inspection_daily') }}
    where
        {{ in_window('activity_date', check_param(check, 'period_days')) }}
        and control_source in ('RISK_PARAM', 'INTEL', 'GACC', 'DIRECT')
),

per_officer as (
    select
        lead_officer_id,
        site_code,
        sum(n_inspections)::int as n,
        sum(n_hits)::int as hits
    from daily
    group by 1, 2
),

per_site as (
    select
        site_code,
        sum(n) as site_n,
        sum(hits) as site_hits
    from per_officer
    group by 1
),

compared as (
    select
        per_officer.*,
        per_site.site_n - per_officer.n as peer_n,
        (per_site.site_hits - per_officer.hits)::numeric / nullif(per_site.site_n - per_officer.n, 0) as peer_rate,
        per_officer.hits::numeric / per_officer.n as hit_rate
    from per_officer
    inner join per_site on per_officer.site_code = per_site.site_code
    where per_officer.n >= {{ check_param(check, 'min_n') }}
),

candidates as (
    select *
    from compared
    where
        peer_rate > 0
        and hit_rate < {{ check_param(check, 'ratio') }} * peer_rate
),

-- ln k! for k = 0 … the largest n, for the exact binomial tail
log_factorials as (
    select
        k,
        sum(ln(greatest(k, 1)::numeric)) over (order by k) as lnf
    from generate_series(0, (select coalesce(max(n), 0) from candidates)) as k
),

tested as (
    select
        candidates.*,
        (
            select
                sum(exp(
                    lf_n.lnf - lf_i.lnf - lf_rest.lnf
                    + i * ln(least(candidates.peer_rate, 0.999999))
                    + (candidates.n - i) * ln(1 - least(candidates.peer_rate, 0.999999))
                ))
            from generate_series(0, candidates.hits) as i
            inner join log_factorials as lf_i on i = lf_i.k
            inner join log_factorials as lf_rest on candidates.n - i = lf_rest.k
            inner join log_factorials as lf_n on candidates.n = lf_n.k
        ) as p_value
    from candidates
),

fired as (
    select
        lead_officer_id || '|' || site_code as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        lead_officer_id as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'site_code', site_code,
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n', n,
            'hits', hits,
            'hit_rate', round(hit_rate, 4),
            'peer_n', peer_n,
            'peer_rate', round(peer_rate, 4),
            'threshold_rate', round({{ check_param(check, 'ratio') }} * peer_rate, 4),
            'p_value', round(p_value, 6),
            'alpha', {{ check_param(check, 'alpha') }}
        ) as evidence
    from tested
    where p_value < {{ check_param(check, 'alpha') }}
)

{{ emit_alerts('fired', check) }}
