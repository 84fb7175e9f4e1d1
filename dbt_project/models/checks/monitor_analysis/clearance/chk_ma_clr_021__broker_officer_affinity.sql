-- MA-CLR-021 报关企业与关员关联: per (officer, broker = agent_code, step ACCEPT / DOC_REVIEW / RELEASE, section) over
-- the window (biz_date - :period_days, biz_date]: the officer finished the step for n >= :min_n of the broker's
-- entries, a share >= :min_share of all the broker's entries at that step in that section, where at least
-- :min_peers officers performed the step in the section. One alert per (officer, broker): its strongest step.
{%- set check = {
    'code': 'MA-CLR-021',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_BROKER',
    'name_zh': '报关企业与关员关联',
    'name_en': 'Broker–officer affinity',
    'attribution': 'officer = the officer of the ACCEPT / DOC_REVIEW / RELEASE steps',
    'params': {'period_days': 90, 'min_share': 0.5, 'min_n': 50, 'min_peers': 3},
} %}
{{ config(meta={'check': check}) }}

with daily as (
    select * from {{ ref('int_roll_officer_handling_daily') }}
    where
        step_code in ('ACCEPT', 'DOC_REVIEW', 'RELEASE')
        and agent_code is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

posts as (
    select
        section_unit_code,
        step_code,
        count(distinct officer_id) as n_officers
    from daily
    group by section_unit_code, step_code
    having count(distinct officer_id) >= {{ check_param(check, 'min_peers') }}
),

pairs as (
    select
        daily.section_unit_code,
        daily.step_code,
        daily.officer_id,
        daily.agent_code,
        sum(daily.entries_handled) as n,
        max(daily.activity_date) as last_date
    from daily
    inner join posts on daily.section_unit_code = posts.section_unit_code and daily.step_code = posts.step_code
    group by daily.section_unit_code, daily.step_code, daily.officer_id, daily.agent_code
),

shares as (
    select
        pairs.*,
        posts.n_officers,
        sum(pairs.n) over (
            partition by pairs.section_unit_code, pairs.step_code, pairs.agent_code
        ) as n_broker
    from pairs
    inner join posts on pairs.section_unit_code = posts.section_unit_code and pairs.step_code = posts.step_code
),

strongest as (
    select distinct on (officer_id, agent_code) *
    from shares
    where
        n >= {{ check_param(check, 'min_n') }}
        and n::numeric / n_broker >= {{ check_param(check, 'min_share') }}
    order by officer_id asc, agent_code asc, n::numeric / n_broker desc, n desc
),

fired as (
    select
        officer_id || '|' || agent_code as object_id,
        ((last_date + 1)::timestamp at time zone '{{ var("timezone") }}') - interval '1 second' as event_ts,
        officer_id,
        agent_code as enterprise_code,
        jsonb_build_object(
            'section_unit_code', section_unit_code,
            'step_code', step_code,
            'window_start', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_end', {{ biz_date() }},
            'n', n,
            'n_broker', n_broker,
            'share', round(n::numeric / n_broker, 4),
            'n_officers', n_officers,
            'expected_share', round(1.0 / n_officers, 4),
            'min_share', {{ check_param(check, 'min_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from strongest
)

{{ emit_alerts('fired', check) }}
