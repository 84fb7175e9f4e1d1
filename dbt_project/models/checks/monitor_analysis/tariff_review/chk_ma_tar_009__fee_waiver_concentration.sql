-- MA-TAR-009 滞报金/滞纳金减免集中: per waiving officer over the window (biz_date - period_days, biz_date], the late
-- fees the officer waived (waived_amount_cny > 0, waive_ts in the window) total at least max_sum_cny, or number at
-- least max_n, or their waiver rate (sum waived / sum calculated) exceeds the 95th percentile of the other
-- waiving officers of the officer's section (post assignment at the last waiver; at least min_peers of them).
{%- set check = {
    'code': 'MA-TAR-009',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER',
    'name_zh': '滞报金/滞纳金减免集中',
    'name_en': 'Concentration of fee waivers',
    'attribution': 'officer = late_fee.waive_officer_id',
    'params': {'period_days': 30, 'max_sum_cny': 50000, 'max_n': 5, 'min_peers': 5},
} %}
{{ config(meta={'check': check}) }}

with waivers as (
    select * from {{ ref('stg_raw__late_fee') }}
    where
        waive_officer_id is not null
        and waived_amount_cny > 0
        and waive_ts is not null
        and {{ in_window(local_date('waive_ts'), check_param(check, 'period_days')) }}
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

attribution as (
    select * from {{ ref('int_officer_attribution') }}
),

per_officer as (
    select
        waivers.waive_officer_id as officer_id,
        count(*) as n,
        sum(waivers.waived_amount_cny) as sum_waived_cny,
        sum(waivers.waived_amount_cny) / nullif(sum(waivers.calc_amount_cny), 0) as waiver_rate,
        max(waivers.waive_ts) as last_waive_ts,
        jsonb_agg(distinct declarations.trade_co) filter (where declarations.trade_co is not null) as enterprises,
        count(distinct declarations.trade_co) as n_enterprises,
        min(declarations.trade_co) as any_enterprise
    from waivers
    left join declarations on waivers.entry_id = declarations.entry_id
    group by waivers.waive_officer_id
),

sectioned as (
    select
        per_officer.*,
        (
            select attribution.section_unit_code
            from attribution
            where
                attribution.officer_id = per_officer.officer_id
                and {{ local_date('per_officer.last_waive_ts') }} >= attribution.valid_from
                and {{ local_date('per_officer.last_waive_ts') }} < coalesce(attribution.valid_to, date '9999-12-31')
            order by attribution.valid_from desc
            limit 1
        ) as section_unit_code
    from per_officer
),

compared as (
    select
        sectioned.*,
        peers.n_peers,
        peers.p95_rate
    from sectioned
    left join lateral (
        select
            count(*) as n_peers,
            percentile_cont(0.95) within group (order by peer.waiver_rate) as p95_rate
        from sectioned as peer
        where
            peer.section_unit_code = sectioned.section_unit_code
            and peer.officer_id <> sectioned.officer_id
            and peer.waiver_rate is not null
    ) as peers on true
),

fired as (
    select
        last_waive_ts as event_ts,
        officer_id,
        case when n_enterprises = 1 then any_enterprise end as enterprise_code,
        officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', n,
            'sum_waived_cny', sum_waived_cny,
            'waiver_rate', round(waiver_rate, 4),
            'max_sum_cny', {{ check_param(check, 'max_sum_cny') }},
            'max_n', {{ check_param(check, 'max_n') }},
            'peer_n', n_peers,
            'peer_p95_rate', round(p95_rate::numeric, 4),
            'enterprises', enterprises
        ) as evidence
    from compared
    where
        sum_waived_cny >= {{ check_param(check, 'max_sum_cny') }}
        or n >= {{ check_param(check, 'max_n') }}
        or (n_peers >= {{ check_param(check, 'min_peers') }} and waiver_rate > p95_rate)
)

{{ emit_alerts('fired', check) }}
