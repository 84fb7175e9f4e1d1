-- EX-SEC-004 休眠账号突然高风险操作: an officer performing on :biz_date a high-risk act — ops_audit_log FORCE_RELEASE or
-- CLEAR_CONTROL_FLAG, a risk_control cancellation (cancel_officer_id), an APPROVED dec_modify_apply
-- (approve_officer_id), a late_fee waiver (waive_officer_id, waived amount > 0) or a tax_bill cancellation
-- (cancel_officer_id) — with no LOGIN in the :dormant_days days before :biz_date but a LOGIN before that window
-- (an account the log knows, then silent). Logins come from the rolling int_roll_sec_ops_daily. One alert per
-- officer and day, charged to the account owner.
{%- set check = {
    'code': 'EX-SEC-004', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'red', 'object_type': 'OFFICER_DAY',
    'name_zh': '休眠账号突然高风险操作', 'name_en': 'Dormant account performs high-risk action',
    'attribution': 'officer (account owner); IT security', 'params': {'dormant_days': 90},
} %}
{{ config(meta={'check': check}) }}

with acts as (
    select
        officer_id,
        event_ts as ts,
        action as act,
        object_id as act_ref
    from {{ ref('stg_raw__ops_audit_log') }}
    where action in ('FORCE_RELEASE', 'CLEAR_CONTROL_FLAG') and {{ local_date('event_ts') }} = {{ biz_date() }}
    union all
    select
        cancel_officer_id as officer_id,
        cancel_ts as ts,
        'CONTROL_CANCEL' as act,
        control_id::text as act_ref
    from {{ ref('stg_raw__risk_control') }}
    where cancel_officer_id is not null and {{ local_date('cancel_ts') }} = {{ biz_date() }}
    union all
    select
        approve_officer_id as officer_id,
        decision_ts as ts,
        'MODIFY_APPROVE' as act,
        apply_id::text as act_ref
    from {{ ref('int_ops_modify_applications') }}
    where
        decision = 'APPROVED' and approve_officer_id is not null and {{ local_date('decision_ts') }} = {{ biz_date() }}
    union all
    select
        waive_officer_id as officer_id,
        waive_ts as ts,
        'FEE_WAIVER' as act,
        fee_id::text as act_ref
    from {{ ref('stg_raw__late_fee') }}
    where
        waive_officer_id is not null
        and coalesce(waived_amount_cny, 0) > 0
        and {{ local_date('waive_ts') }} = {{ biz_date() }}
    union all
    select
        cancel_officer_id as officer_id,
        cancel_ts as ts,
        'TAX_BILL_CANCEL' as act,
        tax_bill_no::text as act_ref
    from {{ ref('stg_raw__tax_bill') }}
    where cancel_officer_id is not null and {{ local_date('cancel_ts') }} = {{ biz_date() }}
),

logins as (
    select
        officer_id,
        max(activity_date) filter (
            where activity_date >= {{ biz_date() }} - {{ check_param(check, 'dormant_days') }}
            and activity_date < {{ biz_date() }}
        ) as last_login_in_window,
        max(last_ts) filter (
            where activity_date < {{ biz_date() }} - {{ check_param(check, 'dormant_days') }}
        ) as last_login_before_window
    from {{ ref('int_roll_sec_ops_daily') }}
    where action = 'LOGIN' and officer_id in (select acts.officer_id from acts)
    group by officer_id
),

fired as (
    select
        acts.officer_id || '|' || {{ biz_date() }}::text as object_id,
        min(acts.ts) as event_ts,
        acts.officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'acts', jsonb_agg(jsonb_build_object('ts', acts.ts, 'act', acts.act, 'ref', acts.act_ref) order by acts.ts),
            'last_login_before_window', max(logins.last_login_before_window),
            'dormant_days', {{ check_param(check, 'dormant_days') }}
        ) as evidence
    from acts
    inner join logins on acts.officer_id = logins.officer_id
    where logins.last_login_in_window is null and logins.last_login_before_window is not null
    group by acts.officer_id
)

{{ emit_alerts('fired', check) }}
