-- EX-DSP-003 处置后未反馈: a DISPOSE action d (as of the end of :biz_date) with no later FEEDBACK on its alert and
-- WD(d.ts, :biz_date) > :feedback_workdays. Alerts of the EX-DSP checks are not re-checked. Charged to the
-- disposing leader (d.actor_officer_id); the object is the DISPOSE action.
{%- set check = {
    'code': 'EX-DSP-003', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'timeliness', 'severity': 'yellow', 'object_type': 'ALERT_ACTION',
    'name_zh': '处置后未反馈', 'name_en': 'No feedback after disposition',
    'attribution': 'disposing leader', 'params': {'feedback_workdays': 5},
} %}
{{ config(meta={'check': check}) }}

with actions as (
    select * from {{ ref('stg_hl__alert_action') }}
    where ts < {{ end_of_biz_date() }}
),

alerts as (
    select * from {{ ref('int_dsp_alert_as_of') }}
    where check_code not like 'EX-DSP-%'
),

disposals as (
    select
        d.action_id,
        d.alert_id,
        d.ts,
        d.actor_officer_id,
        d.disposal_measure,
        alerts.check_code,
        alerts.severity,
        alerts.enterprise_code,
        {{ workdays_between_dates(local_date('d.ts'), biz_date()) }} as workdays_since
    from actions as d
    inner join alerts on d.alert_id = alerts.alert_id
    where
        d.action = 'DISPOSE'
        and not exists (
            select 1 from actions as f
            where f.alert_id = d.alert_id and f.action = 'FEEDBACK' and f.action_seq > d.action_seq
        )
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
            'alert_severity', severity,
            'disposed_ts', ts,
            'disposal_measure', disposal_measure,
            'workdays_since', workdays_since,
            'feedback_workdays', {{ check_param(check, 'feedback_workdays') }}
        ) as evidence
    from disposals
    where workdays_since > {{ check_param(check, 'feedback_workdays') }}
)

{{ emit_alerts('fired', check) }}
