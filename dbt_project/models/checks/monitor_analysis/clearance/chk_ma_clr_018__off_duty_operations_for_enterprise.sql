-- MA-CLR-018 非工作时间为特定企业作业: per (officer, enterprise) over the window (biz_date - :period_days, biz_date]:
-- the INSPECT, RELEASE and MANUAL_REVIEW steps the officer finished, and the FORCE_RELEASE actions he took, while
-- is_off_duty(officer, ts), on the enterprise's entries, number at least :min_n and make up at least :min_share of
-- all off-duty operations on that enterprise's entries.
{%- set check = {
    'code': 'MA-CLR-018',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '非工作时间为特定企业作业',
    'name_en': 'Off-duty operations for particular enterprises',
    'attribution': 'officer = the officer of the off-duty operations',
    'params': {'period_days': 30, 'min_n': 3, 'min_share': 0.5},
} %}
{{ config(meta={'check': check}) }}

with declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

step_ops as (
    select
        officer_id,
        trade_co,
        step_code as operation_kind,
        n_ops,
        last_ts
    from {{ ref('int_roll_ma_clr_b_off_duty_steps_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

override_ops as (
    select
        actions.officer_id,
        declarations.trade_co,
        actions.action as operation_kind,
        1 as n_ops,
        actions.event_ts as last_ts
    from {{ ref('int_roll_ma_clr_b_ops_actions_daily') }} as actions
    inner join declarations on actions.object_id = declarations.entry_id
    where
        actions.action = 'FORCE_RELEASE'
        and actions.is_off_duty
        and {{ in_window('actions.activity_date', check_param(check, 'period_days')) }}
),

operations as (
    select * from step_ops
    union all
    select * from override_ops
),

per_pair as (
    select
        officer_id,
        trade_co,
        sum(n_ops) as n,
        max(last_ts) as last_ts,
        jsonb_object_agg(operation_kind, n_ops) as by_operation
    from (
        select
            officer_id,
            trade_co,
            operation_kind,
            sum(n_ops) as n_ops,
            max(last_ts) as last_ts
        from operations
        group by officer_id, trade_co, operation_kind
    ) as per_operation
    group by officer_id, trade_co
),

shares as (
    select
        *,
        sum(n) over (partition by trade_co) as n_enterprise
    from per_pair
),

fired as (
    select
        last_ts as event_ts,
        officer_id,
        trade_co as enterprise_code,
        officer_id || '|' || trade_co as object_id,
        jsonb_build_object(
            'window_start', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_end', {{ biz_date() }},
            'n', n,
            'n_enterprise_off_duty', n_enterprise,
            'share', round(n::numeric / n_enterprise, 4),
            'by_operation', by_operation,
            'min_n', {{ check_param(check, 'min_n') }},
            'min_share', {{ check_param(check, 'min_share') }}
        ) as evidence
    from shares
    where
        n >= {{ check_param(check, 'min_n') }}
        and n::numeric / n_enterprise >= {{ check_param(check, 'min_share') }}
)

{{ emit_alerts('fired', check) }}
