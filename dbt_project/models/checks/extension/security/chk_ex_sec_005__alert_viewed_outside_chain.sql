-- EX-SEC-005 越权查看预警信息: an ops_audit_log VIEW_ALERT of :biz_date on an hl alert (object_id = alert_id or
-- alert_key) by the alert's own attributed officer, or by a viewer who is none of: an actor or assignee in the
-- alert's disposition log, an officer of a supervision (监察) section or a workbench user with role supervision or
-- discipline, the leader of the alert's section or subordinate customs, a workbench user with a leader role
-- (section_chief, subordinate_leader) whose unit is one of the alert's units. Views of objects that are not hl
-- alerts are not judged. Charged to the viewer; the object is the log row.
{%- set check = {
    'code': 'EX-SEC-005', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'OPS_LOG',
    'name_zh': '越权查看预警信息', 'name_en': 'Alert viewed by someone outside its chain',
    'attribution': 'viewer', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with views as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where action = 'VIEW_ALERT' and object_type = 'ALERT' and {{ local_date('event_ts') }} = {{ biz_date() }}
),

alerts as (
    select * from {{ ref('stg_hl__alert') }}
),

actions as (
    select * from {{ ref('stg_hl__alert_action') }}
),

users as (
    select * from {{ ref('stg_hl__app_user') }}
    where active and officer_id is not null
),

leaders as (
    select * from {{ ref('int_dsp_unit_leaders') }}
),

supervision_officers as (
    select officers.officer_id
    from {{ ref('stg_raw__officer') }} as officers
    inner join {{ ref('int_ops_unit_hierarchy') }} as units on officers.section_unit_code = units.unit_code
    where units.business_line = 'supervision'
),

judged as (
    select
        views.log_id,
        views.event_ts,
        views.officer_id as viewer_officer_id,
        alerts.alert_id,
        alerts.check_code,
        alerts.officer_id as attributed_officer_id,
        alerts.enterprise_code,
        views.officer_id = alerts.officer_id as is_own_alert,
        (
            exists (
                select 1 from actions
                where
                    actions.alert_id = alerts.alert_id
                    and views.officer_id in (actions.actor_officer_id, actions.assignee_officer_id)
            )
            or views.officer_id in (select supervision_officers.officer_id from supervision_officers)
            or exists (
                select 1 from users
                where
                    users.officer_id = views.officer_id
                    and users.role_codes ?| array['supervision', 'discipline']
            )
            or exists (
                select 1 from leaders
                where
                    leaders.leader_officer_id = views.officer_id
                    and leaders.unit_code in (alerts.section_unit_code, alerts.subordinate_unit_code)
            )
            or exists (
                select 1 from users
                where
                    users.officer_id = views.officer_id
                    and users.role_codes ?| array['section_chief', 'subordinate_leader']
                    and users.unit_code in (
                        alerts.section_unit_code, alerts.subordinate_unit_code, alerts.direct_customs_code,
                        alerts.charged_unit_code
                    )
            )
        ) as in_chain
    from views
    inner join alerts on views.object_id in (alerts.alert_id::text, alerts.alert_key)
),

fired as (
    select
        log_id::text as object_id,
        event_ts,
        viewer_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'log_id', log_id,
            'alert_id', alert_id,
            'alert_check_code', check_code,
            'attributed_officer_id', attributed_officer_id,
            'is_own_alert', coalesce(is_own_alert, false),
            'in_chain', in_chain
        ) as evidence
    from judged
    where coalesce(is_own_alert, false) or not in_chain
)

{{ emit_alerts('fired', check) }}
