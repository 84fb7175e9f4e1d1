-- MA-CLR-022 企业申报日与关员值班高度同步: per (enterprise, officer, customs) over the window (biz_date - :period_days,
-- biz_date]: the enterprise declared at the customs on at least :min_days days, the officer finished one step
-- (ACCEPT, MANUAL_REVIEW, RELEASE …) for at least :min_share of the entries it declared there in the window, and
-- lift = P(enterprise declares on d | officer on duty on d) / P(enterprise declares on d) >= :min_lift, where the days
-- d are the days the customs received any declaration and "on duty" means the officer finished a workflow step at
-- the customs that day.
{%- set check = {
    'code': 'MA-CLR-022',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '企业申报日与关员值班高度同步',
    'name_en': 'Enterprise declares mainly on one officer’s duty days',
    'attribution': 'officer = the officer whose duty days the declarations follow',
    'params': {'period_days': 90, 'min_lift': 2.0, 'min_days': 10, 'min_share': 0.5, 'min_day_share': 0.9},
} %}
{{ config(meta={'check': check}) }}

with declared as (
    select * from {{ ref('int_roll_ma_clr_b_declarations_daily') }}
    where {{ in_window('declare_date', check_param(check, 'period_days')) }}
),

handled as (
    select * from {{ ref('int_roll_officer_handling_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

customs_days as (
    select distinct
        declare_customs_code as customs_code,
        declare_date as declare_day
    from declared
),

customs_totals as (
    select
        customs_code,
        count(*) as n_days
    from customs_days
    group by customs_code
),

enterprise_days as (
    select distinct
        declare_customs_code as customs_code,
        trade_co,
        declare_date as declare_day
    from declared
),

frequent as (
    select
        declare_customs_code as customs_code,
        trade_co,
        count(distinct declare_date) as n_enterprise_days,
        sum(n_entries) as n_entries,
        max(declare_date) as last_date
    from declared
    group by declare_customs_code, trade_co
    having count(distinct declare_date) >= {{ check_param(check, 'min_days') }}
),

step_shares as (
    select
        handled.customs_code,
        handled.trade_co,
        handled.officer_id,
        handled.step_code,
        sum(handled.entries_handled) as n,
        max(frequent.n_entries) as n_entries
    from handled
    inner join frequent on handled.customs_code = frequent.customs_code and handled.trade_co = frequent.trade_co
    group by handled.customs_code, handled.trade_co, handled.officer_id, handled.step_code
),

candidates as (
    select distinct on (customs_code, trade_co, officer_id)
        customs_code,
        trade_co,
        officer_id,
        step_code,
        n,
        n_entries,
        n::numeric / n_entries as handled_share
    from step_shares
    where n::numeric / n_entries >= {{ check_param(check, 'min_share') }}
    order by customs_code asc, trade_co asc, officer_id asc, n desc
),

duty_days as (
    select distinct
        handled.customs_code,
        handled.officer_id,
        handled.activity_date as declare_day
    from handled
    inner join
        customs_days
        on handled.customs_code = customs_days.customs_code and handled.activity_date = customs_days.declare_day
    where handled.officer_id in (select candidates.officer_id from candidates)
),

officer_days as (
    select
        customs_code,
        officer_id,
        count(*) as n_duty_days
    from duty_days
    group by customs_code, officer_id
),

joint_days as (
    select
        candidates.customs_code,
        candidates.trade_co,
        candidates.officer_id,
        count(*) as n_joint_days
    from candidates
    inner join duty_days
        on candidates.customs_code = duty_days.customs_code and candidates.officer_id = duty_days.officer_id
    inner join enterprise_days
        on
            duty_days.customs_code = enterprise_days.customs_code
            and duty_days.declare_day = enterprise_days.declare_day
            and candidates.trade_co = enterprise_days.trade_co
    group by candidates.customs_code, candidates.trade_co, candidates.officer_id
),

lifts as (
    select
        candidates.*,
        frequent.n_enterprise_days,
        frequent.last_date,
        customs_totals.n_days,
        officer_days.n_duty_days,
        coalesce(joint_days.n_joint_days, 0) as n_joint_days
    from candidates
    inner join frequent on candidates.customs_code = frequent.customs_code and candidates.trade_co = frequent.trade_co
    inner join customs_totals on candidates.customs_code = customs_totals.customs_code
    inner join officer_days
        on candidates.customs_code = officer_days.customs_code and candidates.officer_id = officer_days.officer_id
    left join joint_days
        on
            candidates.customs_code = joint_days.customs_code
            and candidates.trade_co = joint_days.trade_co
            and candidates.officer_id = joint_days.officer_id
),

assessed as (
    select
        *,
        (n_joint_days::numeric / nullif(n_duty_days, 0)) / (n_enterprise_days::numeric / n_days) as lift
    from lifts
),

fired as (
    select
        officer_id || '|' || trade_co as object_id,
        ((last_date + 1)::timestamp at time zone '{{ var("timezone") }}') - interval '1 second' as event_ts,
        officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'customs_code', customs_code,
            'window_start', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_end', {{ biz_date() }},
            'n_days', n_days,
            'n_enterprise_days', n_enterprise_days,
            'n_duty_days', n_duty_days,
            'n_joint_days', n_joint_days,
            'lift', round(lift, 4),
            'step_code', step_code,
            'n', n,
            'n_entries', n_entries,
            'share', round(handled_share, 4),
            'min_lift', {{ check_param(check, 'min_lift') }},
            'min_days', {{ check_param(check, 'min_days') }},
            'min_share', {{ check_param(check, 'min_share') }},
            'min_day_share', {{ check_param(check, 'min_day_share') }}
        ) as evidence
    from assessed
    where
        lift >= {{ check_param(check, 'min_lift') }}
        -- "mainly on the officer's duty days": more than min_day_share of the enterprise's declaration days
        and n_joint_days::numeric / n_enterprise_days > {{ check_param(check, 'min_day_share') }}
)

{{ emit_alerts('fired', check) }}
