-- EX-DSP-004 自查自核(核查人与被预警人关联): a VERIFY_RESULT v recorded on :biz_date whose actor is the alert's
-- attributed officer, or an officer id appearing anywhere in the alert's evidence (any string value), or — with
-- conclusion FALSE_POSITIVE — the chief of the attributed officer's section (the direct chief who signs off the
-- flagged act). Charged to the verifier; the object is the VERIFY_RESULT action.
{%- set check = {
    'code': 'EX-DSP-004', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'procedure', 'severity': 'red', 'object_type': 'ALERT_ACTION',
    'name_zh': '自查自核(核查人与被预警人关联)', 'name_en': 'Self-verification of an alert',
    'attribution': 'verifier', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with results as (
    select * from {{ ref('stg_hl__alert_action') }}
    where
        action = 'VERIFY_RESULT'
        and actor_officer_id is not null
        and {{ local_date('ts') }} = {{ biz_date() }}
),

alerts as (
    select * from {{ ref('stg_hl__alert') }}
),

leaders as (
    select * from {{ ref('int_dsp_unit_leaders') }}
    where unit_level = 'SECTION'
),

judged as (
    select
        v.action_id,
        v.ts,
        v.actor_officer_id,
        v.conclusion,
        alerts.alert_id,
        alerts.check_code,
        alerts.officer_id as attributed_officer_id,
        alerts.section_unit_code,
        alerts.enterprise_code,
        v.actor_officer_id = alerts.officer_id as is_attributed_officer,
        exists(
            select 1 from jsonb_path_query(alerts.evidence, 'strict $.** ? (@.type() == "string")') as e (val)
            where e.val #>> '{}' = v.actor_officer_id
        ) as in_evidence,
        v.conclusion = 'FALSE_POSITIVE' and v.actor_officer_id = chief.leader_officer_id as chief_cleared
    from results as v
    inner join alerts on v.alert_id = alerts.alert_id
    left join leaders as chief on alerts.section_unit_code = chief.unit_code
),

fired as (
    select
        action_id::text as object_id,
        ts as event_ts,
        actor_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'alert_id', alert_id,
            'alert_check_code', check_code,
            'attributed_officer_id', attributed_officer_id,
            'conclusion', conclusion,
            'is_attributed_officer', coalesce(is_attributed_officer, false),
            'in_evidence', in_evidence,
            'chief_cleared', coalesce(chief_cleared, false)
        ) as evidence
    from judged
    where coalesce(is_attributed_officer, false) or in_evidence or coalesce(chief_cleared, false)
)

{{ emit_alerts('fired', check) }}
