-- EX-DSP-008 预警关闭后重开或结论被修改: (a) a REOPEN action recorded on :biz_date (charged to its actor), or (b) an
-- ops_audit_log row of :biz_date with action ALERT_UPDATE on object_type ALERT whose alert (object_id = alert_id
-- or alert_key) had been CLOSEd before the update, changing its conclusion or severity (detail names the field:
-- detail->>'field' in (conclusion, severity) or a key conclusion/severity[_before|_after]). Charged to the
-- actor / the logged officer. Object: 'ACTION:<action_id>' or 'LOG:<log_id>'.
{%- set check = {
    'code': 'EX-DSP-008', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'ALERT_CHANGE',
    'name_zh': '预警关闭后重开或结论被修改', 'name_en': 'Alert reopened or conclusion changed after closing',
    'attribution': 'actor officer', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with reopened as (
    select * from {{ ref('stg_hl__alert_action') }}
    where action = 'REOPEN' and {{ local_date('ts') }} = {{ biz_date() }}
),

updates as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where
        action = 'ALERT_UPDATE'
        and object_type = 'ALERT'
        and {{ local_date('event_ts') }} = {{ biz_date() }}
        and (
            detail ->> 'field' in ('conclusion', 'severity')
            or detail ?| array[
                'conclusion', 'severity', 'conclusion_before', 'conclusion_after', 'severity_before', 'severity_after'
            ]
        )
),

alerts as (
    select * from {{ ref('int_dsp_alert_as_of') }}
),

closes as (
    select
        alert_id,
        min(ts) as first_closed_ts
    from {{ ref('stg_hl__alert_action') }}
    where action = 'CLOSE'
    group by alert_id
),

fired as (
    select
        'ACTION:' || reopened.action_id as object_id,
        reopened.ts as event_ts,
        reopened.actor_officer_id as officer_id,
        alerts.enterprise_code,
        jsonb_build_object(
            'kind', 'reopen', 'alert_id', reopened.alert_id, 'alert_check_code', alerts.check_code,
            'actor_user', reopened.actor_user, 'actor_role', reopened.actor_role, 'note', reopened.note
        ) as evidence
    from reopened
    left join alerts on reopened.alert_id = alerts.alert_id
    union all
    select
        'LOG:' || updates.log_id as object_id,
        updates.event_ts,
        updates.officer_id,
        alerts.enterprise_code,
        jsonb_build_object(
            'kind', 'update_after_close', 'log_id', updates.log_id, 'alert_id', alerts.alert_id,
            'alert_check_code', alerts.check_code, 'closed_ts', closes.first_closed_ts, 'detail', updates.detail
        ) as evidence
    from updates
    inner join alerts on updates.object_id in (alerts.alert_id::text, alerts.alert_key)
    inner join closes on alerts.alert_id = closes.alert_id
    where closes.first_closed_ts < updates.event_ts
)

{{ emit_alerts('fired', check) }}
