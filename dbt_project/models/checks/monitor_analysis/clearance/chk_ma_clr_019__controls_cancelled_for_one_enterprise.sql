-- MA-CLR-019 同一企业布控屡被撤销或降格: per (officer, enterprise) over the window (biz_date - :period_days, biz_date]:
-- the control orders on the enterprise's entries the officer cancelled (risk_control CANCELLED, cancel_ts in the
-- window) or downgraded (ops_audit_log CONTROL_MODIFY lowering the required method), plus the inspections he led with
-- a method below the order's (the AP-CLR-005 event), number at least :min_n.
{%- set check = {
    'code': 'MA-CLR-019',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'relationship',
    'severity': 'red',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '同一企业布控屡被撤销或降格',
    'name_en': 'Controls on one enterprise repeatedly cancelled or downgraded by one officer',
    'attribution': 'officer = cancel_officer_id / CONTROL_MODIFY actor / lead inspector of the downgraded inspection',
    'params': {'period_days': 90, 'min_n': 3},
} %}
{{ config(meta={'check': check}) }}

with controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

cancellations as (
    select
        controls.cancel_officer_id as officer_id,
        declarations.trade_co,
        controls.cancel_ts as event_ts,
        1 as n_cancelled,
        0 as n_modified,
        0 as n_inspections
    from controls
    inner join declarations on controls.entry_id = declarations.entry_id
    where
        controls.status = 'CANCELLED'
        and controls.cancel_officer_id is not null
        and {{ in_window(local_date('controls.cancel_ts'), check_param(check, 'period_days')) }}
),

modifications as (
    select
        actions.officer_id,
        declarations.trade_co,
        actions.event_ts,
        0 as n_cancelled,
        1 as n_modified,
        0 as n_inspections
    from {{ ref('int_roll_ma_clr_b_ops_actions_daily') }} as actions
    inner join controls on actions.object_id = controls.control_id
    inner join declarations on controls.entry_id = declarations.entry_id
    where
        actions.action = 'CONTROL_MODIFY'
        and {{ in_window('actions.activity_date', check_param(check, 'period_days')) }}
        and {{ method_rank("coalesce(actions.method_after, controls.required_method)") }}
        < {{ method_rank('actions.method_before') }}
),

downgraded_inspections as (
    select
        lead_officer_id as officer_id,
        trade_co,
        ((activity_date + 1)::timestamp at time zone '{{ var("timezone") }}') - interval '1 second' as event_ts,
        0 as n_cancelled,
        0 as n_modified,
        n_downgraded as n_inspections
    from {{ ref('int_roll_ma_clr_b_inspections_daily') }}
    where
        n_downgraded > 0
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

events as (
    select * from cancellations
    union all
    select * from modifications
    union all
    select * from downgraded_inspections
),

per_pair as (
    select
        officer_id,
        trade_co,
        sum(n_cancelled) as n_cancelled,
        sum(n_modified) as n_modified,
        sum(n_inspections) as n_inspections,
        sum(n_cancelled + n_modified + n_inspections) as n,
        max(event_ts) as last_ts
    from events
    group by officer_id, trade_co
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
            'n_cancelled', n_cancelled,
            'n_downgraded_orders', n_modified,
            'n_downgraded_inspections', n_inspections,
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from per_pair
    where n >= {{ check_param(check, 'min_n') }}
)

{{ emit_alerts('fired', check) }}
