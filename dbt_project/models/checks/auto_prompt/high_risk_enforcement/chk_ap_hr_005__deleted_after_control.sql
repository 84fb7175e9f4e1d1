-- AP-HR-005 布控或查验异常后删单: a DELETE application approved on the business day for an entry that had a control
-- order issued before the application was filed, or an inspection with an ABNORMAL/SEIZURE result.
{%- set check = {
    'code': 'AP-HR-005',
    'module': 'auto_prompt',
    'business_line': 'high_risk_enforcement',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'MODIFY_APPLY',
    'name_zh': '布控或查验异常后删单',
    'name_en': 'Entry deleted after control order or abnormal inspection',
    'attribution': 'officer = a.approve_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with deletions as (
    select * from {{ ref('int_ops_modify_applications') }}
    where
        apply_type = 'DELETE'
        and decision = 'APPROVED'
        and {{ local_date('decision_ts') }} = {{ biz_date() }}
),

controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

with_history as (
    select
        deletions.*,
        (
            select jsonb_agg(controls.control_id order by controls.issue_ts, controls.control_id)
            from controls
            where controls.entry_id = deletions.entry_id and controls.issue_ts < deletions.apply_ts
        ) as controls_before_apply,
        (
            select jsonb_agg(inspections.insp_id order by inspections.insp_id)
            from inspections
            where inspections.entry_id = deletions.entry_id and inspections.result in ('ABNORMAL', 'SEIZURE')
        ) as abnormal_inspections
    from deletions
),

fired as (
    select
        with_history.apply_id as object_id,
        with_history.decision_ts as event_ts,
        with_history.approve_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', with_history.entry_id,
            'initiator', with_history.initiator,
            'reason_code', with_history.reason_code,
            'apply_ts', with_history.apply_ts,
            'decision_ts', with_history.decision_ts,
            'after_release', with_history.after_release,
            'controls_before_apply', with_history.controls_before_apply,
            'abnormal_inspections', with_history.abnormal_inspections
        ) as evidence
    from with_history
    left join declarations on with_history.entry_id = declarations.entry_id
    where with_history.controls_before_apply is not null or with_history.abnormal_inspections is not null
)

{{ emit_alerts('fired', check) }}
