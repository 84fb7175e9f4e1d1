-- AP-CLR-002 撤销或变更布控指令: a control order cancelled on the business day, or downgraded (ops_audit_log
-- CONTROL_MODIFY lowering the required method), with no approval, approved by the acting officer himself, or done
-- from a field (clearance) section although the order came from the risk side (RISK_PARAM, GACC, DIRECT, INTEL).
{%- set check = {
    'code': 'AP-CLR-002',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CONTROL',
    'name_zh': '撤销或变更布控指令',
    'name_en': 'Control order cancelled or downgraded',
    'attribution': 'officer = rc.cancel_officer_id (or the CONTROL_MODIFY actor)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

modifications as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where
        action = 'CONTROL_MODIFY'
        and object_type = 'CONTROL'
        and {{ local_date('event_ts') }} = {{ biz_date() }}
),

assignments as (
    select * from {{ ref('int_officer_attribution') }}
),

units as (
    select * from {{ ref('stg_raw__org_unit') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

cancellations as (
    select
        control_id,
        'CANCEL' as change_kind,
        cancel_officer_id as actor_officer_id,
        cancel_approve_officer_id as approve_officer_id,
        cancel_ts as action_ts,
        required_method as method_before,
        null::text as method_after,
        cancel_reason as reason
    from controls
    where status = 'CANCELLED' and {{ local_date('cancel_ts') }} = {{ biz_date() }}
),

downgrades as (
    select
        modifications.object_id as control_id,
        'DOWNGRADE' as change_kind,
        modifications.officer_id as actor_officer_id,
        modifications.detail ->> 'approve_officer_id' as approve_officer_id,
        modifications.event_ts as action_ts,
        modifications.detail ->> 'required_method_before' as method_before,
        coalesce(modifications.detail ->> 'required_method_after', controls.required_method) as method_after,
        modifications.detail ->> 'reason' as reason
    from modifications
    inner join controls on modifications.object_id = controls.control_id
    where
        {{ method_rank("coalesce(modifications.detail ->> 'required_method_after', controls.required_method)") }}
        < {{ method_rank("modifications.detail ->> 'required_method_before'") }}
),

actions as (
    select * from cancellations
    union all
    select * from downgrades
),

assessed as (
    select
        actions.*,
        controls.entry_id,
        controls.control_source,
        controls.issue_unit_code,
        actions.approve_officer_id is null as no_approval,
        coalesce(actions.approve_officer_id = actions.actor_officer_id, false) as self_approved,
        exists(
            select 1
            from assignments
            inner join units
                on
                    assignments.section_unit_code = units.unit_code
                    and {{ local_date('actions.action_ts') }} >= units.valid_from
                    and {{ local_date('actions.action_ts') }} <= coalesce(units.valid_to, date '9999-12-31')
            where
                assignments.officer_id = actions.actor_officer_id
                and {{ local_date('actions.action_ts') }} >= assignments.valid_from
                and {{ local_date('actions.action_ts') }} < coalesce(assignments.valid_to, date '9999-12-31')
                and units.business_line = 'clearance'
        ) as acted_from_field_section
    from actions
    inner join controls on actions.control_id = controls.control_id
),

breaches as (
    select distinct on (control_id) *
    from assessed
    where
        no_approval
        or self_approved
        or (acted_from_field_section and control_source in ('RISK_PARAM', 'GACC', 'DIRECT', 'INTEL'))
    order by control_id asc, action_ts desc
),

fired as (
    select
        breaches.control_id as object_id,
        breaches.action_ts as event_ts,
        breaches.actor_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', breaches.entry_id,
            'action', breaches.change_kind,
            'control_source', breaches.control_source,
            'method_before', breaches.method_before,
            'method_after', breaches.method_after,
            'approve_officer_id', breaches.approve_officer_id,
            'no_approval', breaches.no_approval,
            'self_approved', breaches.self_approved,
            'acted_from_field_section', breaches.acted_from_field_section,
            'reason', breaches.reason
        ) as evidence
    from breaches
    left join declarations on breaches.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
