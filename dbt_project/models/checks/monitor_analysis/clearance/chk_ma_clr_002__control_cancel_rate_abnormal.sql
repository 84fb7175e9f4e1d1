-- MA-CLR-002 撤控率异常: over the window (:biz_date - :period_days, :biz_date], the control orders cancelled (status
-- CANCELLED, cancel_ts in the window) over the orders issued (issue_ts in the window), per issuing unit and per
-- cancelling officer (his cancellations over the orders issued by the units whose orders he cancelled). Fires when
-- n_issued >= :min_n and the rate exceeds :max_rate, or exceeds the 95th percentile of the peers (the other units,
-- resp. cancelling officers, with n_issued >= :min_n) when there are at least :min_peers of them.
{%- set check = {
    'code': 'MA-CLR-002',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CONTROL_CANCEL_RATE',
    'name_zh': '撤控率异常',
    'name_en': 'Abnormal control-cancellation rate',
    'attribution': 'officer / unit',
    'params': {'period_days': 30, 'max_rate': 0.05, 'min_n': 20, 'min_peers': 5},
} %}
{{ config(meta={'check': check}) }}

with controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

issued as (
    select
        issue_unit_code,
        count(*) as n_issued
    from controls
    where {{ in_window(local_date('issue_ts'), check_param(check, 'period_days')) }}
    group by 1
),

cancelled as (
    select *
    from controls
    where status = 'CANCELLED' and {{ in_window(local_date('cancel_ts'), check_param(check, 'period_days')) }}
),

per_unit as (
    select
        'UNIT' as subject_level,
        issued.issue_unit_code as subject,
        null::text as officer_id,
        issued.n_issued,
        count(cancelled.control_id) as n_cancelled,
        max(cancelled.cancel_ts) as last_cancel_ts
    from issued
    left join cancelled on issued.issue_unit_code = cancelled.issue_unit_code
    group by 1, 2, 3, 4
),

per_officer_unit as (
    select
        cancel_officer_id,
        issue_unit_code,
        count(*) as n_cancelled,
        max(cancel_ts) as last_cancel_ts
    from cancelled
    where cancel_officer_id is not null
    group by 1, 2
),

per_officer as (
    select
        'OFFICER' as subject_level,
        per_officer_unit.cancel_officer_id as subject,
        per_officer_unit.cancel_officer_id as officer_id,
        sum(coalesce(issued.n_issued, 0)) as n_issued,
        sum(per_officer_unit.n_cancelled) as n_cancelled,
        max(per_officer_unit.last_cancel_ts) as last_cancel_ts
    from per_officer_unit
    left join issued on per_officer_unit.issue_unit_code = issued.issue_unit_code
    group by 1, 2, 3
),

rates as (
    select
        *,
        n_cancelled::numeric / nullif(n_issued, 0) as cancel_rate
    from (
        select * from per_unit
        union all
        select * from per_officer
    ) as both_levels
    where n_issued >= {{ check_param(check, 'min_n') }}
),

with_peers as (
    select
        rates.*,
        peers.n_peers,
        peers.peer_p95
    from rates
    cross join lateral (
        select
            count(*) as n_peers,
            percentile_cont(0.95) within group (order by peer_rates.cancel_rate) as peer_p95
        from rates as peer_rates
        where peer_rates.subject_level = rates.subject_level and peer_rates.subject <> rates.subject
    ) as peers
),

fired as (
    select
        subject_level || '|' || subject as object_id,
        coalesce(last_cancel_ts, {{ end_of_biz_date() }} - interval '1 second') as event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'level', subject_level,
            'subject', subject,
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n_issued', n_issued,
            'n_cancelled', n_cancelled,
            'cancel_rate', round(cancel_rate, 4),
            'max_rate', {{ check_param(check, 'max_rate') }},
            'n_peers', n_peers,
            'peer_p95', round(peer_p95::numeric, 4)
        ) as evidence
    from with_peers
    where
        cancel_rate > {{ check_param(check, 'max_rate') }}
        or (n_peers >= {{ check_param(check, 'min_peers') }} and cancel_rate > peer_p95)
)

{{ emit_alerts('fired', check) }}
