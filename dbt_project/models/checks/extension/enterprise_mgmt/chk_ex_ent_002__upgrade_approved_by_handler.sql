-- EX-ENT-002 信用升级由经办关员审批: a credit upgrade made on the business day whose approving officer handled at least
-- min_share of the enterprise's entries at one manual workflow step (MANUAL_REVIEW, ACCEPT, TAX, INSPECT, RELEASE …)
-- in the days before the change: [change date - days, change date). Read from int_roll_officer_handling_daily
-- (entries per day, officer, step and trade_co). Charged to the approving officer.
{%- set check = {
    'code': 'EX-ENT-002',
    'module': 'extension',
    'business_line': 'enterprise_mgmt',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'CREDIT_CHANGE',
    'name_zh': '信用升级由经办关员审批',
    'name_en': 'Credit upgrade approved by an officer who handles the enterprise',
    'attribution': 'officer = approve_officer_id',
    'params': {'min_share': 0.3, 'days': 180},
} %}
{{ config(meta={'check': check}) }}

with upgrades as (
    select * from {{ ref('stg_raw__enterprise_credit_change') }}
    where
        {{ local_date('change_ts') }} = {{ biz_date() }}
        and approve_officer_id is not null
        and {{ ext_credit_rank('new_class') }} > {{ ext_credit_rank('old_class') }}
),

handling as (
    select h.*
    from {{ ref('int_roll_officer_handling_daily') }} as h
    where
        h.trade_co in (select u.enterprise_code from upgrades as u)
        and h.activity_date >= {{ biz_date() }} - {{ check_param(check, 'days') }}
        and h.activity_date < {{ biz_date() }}
),

per_step as (
    select
        u.enterprise_code,
        u.change_ts,
        h.step_code,
        sum(h.entries_handled) as entries_n,
        sum(h.entries_handled) filter (where h.officer_id = u.approve_officer_id) as officer_n
    from upgrades as u
    inner join handling as h on u.enterprise_code = h.trade_co
    group by u.enterprise_code, u.change_ts, h.step_code
),

best as (
    select distinct on (enterprise_code, change_ts)
        enterprise_code,
        change_ts,
        step_code,
        entries_n,
        officer_n,
        officer_n::numeric / entries_n as officer_share
    from per_step
    where officer_n > 0
    order by enterprise_code asc, change_ts asc, officer_share desc, step_code asc
),

fired as (
    select
        u.change_ts as event_ts,
        u.approve_officer_id as officer_id,
        u.enterprise_code,
        u.enterprise_code || '|' || to_char(u.change_ts at time zone 'UTC', 'YYYYMMDD"T"HH24MISS') as object_id,
        jsonb_build_object(
            'old_class', u.old_class,
            'new_class', u.new_class,
            'window_days', {{ check_param(check, 'days') }},
            'step_code', b.step_code,
            'n', b.entries_n,
            'n_officer', b.officer_n,
            'share', round(b.officer_share, 4),
            'min_share', {{ check_param(check, 'min_share') }}
        ) as evidence
    from upgrades as u
    inner join best as b on u.enterprise_code = b.enterprise_code and u.change_ts = b.change_ts
    where b.officer_share >= {{ check_param(check, 'min_share') }}
)

{{ emit_alerts('fired', check) }}
