-- MA-CLR-011 出口申报晚于装货前24小时: a sea export (traf_mode 2) accepted in the window (:biz_date - :period_days,
-- :biz_date] (its ACCEPT step, else DOC_REVIEW, ended in the window) that was declared later than :hours hours before
-- its conveyance's loading_ts, or after its departure_ts. One alert per entry, charged to the accepting officer; the
-- enterprise is the broker (agent_code), with the officer's and the broker's counts in the window.
-- Reads int_roll_ma_clr_a_export_accept_findings.
{%- set check = {
    'code': 'MA-CLR-011',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '出口申报晚于装货前24小时',
    'name_en': 'Export declared less than 24h before loading',
    'attribution': 'officer = ACCEPT.officer_id',
    'params': {'period_days': 30, 'hours': 24},
} %}
{{ config(meta={'check': check}) }}

with findings as (
    select
        *,
        count(*) over (partition by accept_officer_id) as officer_n,
        count(*) over (partition by agent_code) as broker_n
    from {{ ref('int_roll_ma_clr_a_export_accept_findings') }}
    where
        {{ in_window('activity_date', check_param(check, 'period_days')) }}
        and (
            declare_ts > loading_ts - interval '{{ check_param(check, "hours") }} hours'
            or declare_ts > departure_ts
        )
),

fired as (
    select
        entry_id as object_id,
        accept_ts as event_ts,
        accept_officer_id as officer_id,
        agent_code as enterprise_code,
        jsonb_build_object(
            'entry_id', entry_id,
            'trade_co', trade_co,
            'agent_code', agent_code,
            'manifest_id', manifest_id,
            'declare_ts', declare_ts,
            'loading_ts', loading_ts,
            'departure_ts', departure_ts,
            'hours_before_loading', round(hours_before_loading, 2),
            'min_hours', {{ check_param(check, 'hours') }},
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'officer_findings_in_window', officer_n,
            'broker_findings_in_window', broker_n
        ) as evidence
    from findings
)

{{ emit_alerts('fired', check) }}
