-- EX-SEC-009 历史预警归档后被修改: an ops_audit_log ALERT_UPDATE of :biz_date whose object_id is an hl alert (alert_id or
-- alert_key) archived before the update (its ARCHIVE action ts < the log's event_ts): archived data must be
-- immutable. Charged to the logged officer; the object is the log row.
{%- set check = {
    'code': 'EX-SEC-009', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'red', 'object_type': 'OPS_LOG',
    'name_zh': '历史预警归档后被修改', 'name_en': 'Archived alerts modified',
    'attribution': 'officer; HL2008 administrators', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with updates as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where action = 'ALERT_UPDATE' and {{ local_date('event_ts') }} = {{ biz_date() }}
),

archived as (
    select
        alerts.alert_id,
        alerts.alert_key,
        alerts.check_code,
        alerts.enterprise_code,
        min(actions.ts) as archived_ts
    from {{ ref('stg_hl__alert') }} as alerts
    inner join {{ ref('stg_hl__alert_action') }} as actions on alerts.alert_id = actions.alert_id
    where actions.action = 'ARCHIVE'
    group by alerts.alert_id, alerts.alert_key, alerts.check_code, alerts.enterprise_code
),

fired as (
    select
        updates.log_id::text as object_id,
        updates.event_ts,
        updates.officer_id,
        archived.enterprise_code,
        jsonb_build_object(
            'log_id', updates.log_id,
            'alert_id', archived.alert_id,
            'alert_check_code', archived.check_code,
            'archived_ts', archived.archived_ts,
            'detail', updates.detail
        ) as evidence
    from updates
    inner join archived on updates.object_id in (archived.alert_id::text, archived.alert_key)
    where archived.archived_ts < updates.event_ts
)

{{ emit_alerts('fired', check) }}
