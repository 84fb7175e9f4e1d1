-- EX-DSP-009 红色预警未报纪检监察: a red hl alert issued before the end of :biz_date with no REPORT_DISCIPLINE by then
-- and more than :report_hours working hours between its ISSUE and the end of :biz_date. Alerts of the EX-DSP
-- checks are not re-checked. Charged to the leader of the alert's subordinate customs (director, else deputy);
-- the object is the hl alert.
{%- set check = {
    'code': 'EX-DSP-009', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'timeliness', 'severity': 'red', 'object_type': 'ALERT',
    'name_zh': '红色预警未报纪检监察', 'name_en': 'Red alert not reported to discipline inspection',
    'attribution': 'leader of the subordinate customs', 'params': {'report_hours': 8},
} %}
{{ config(meta={'check': check}) }}

with alerts as (
    select * from {{ ref('int_dsp_alert_as_of') }}
    where severity = 'red' and reported_ts is null and check_code not like 'EX-DSP-%'
),

leaders as (
    select * from {{ ref('int_dsp_unit_leaders') }}
    where unit_level = 'SUBORDINATE'
),

waiting as (
    select
        alerts.*,
        {{ working_hours_between('alerts.issued_ts', end_of_biz_date()) }} as wh_waiting
    from alerts
),

fired as (
    select
        waiting.alert_id::text as object_id,
        waiting.issued_ts as event_ts,
        leader.leader_officer_id as officer_id,
        waiting.enterprise_code,
        jsonb_build_object(
            'alert_id', waiting.alert_id,
            'alert_check_code', waiting.check_code,
            'issued_ts', waiting.issued_ts,
            'working_hours_waiting', round(waiting.wh_waiting::numeric, 2),
            'report_hours', {{ check_param(check, 'report_hours') }},
            'subordinate_unit_code', waiting.subordinate_unit_code,
            'unit_code', coalesce(waiting.subordinate_unit_code, waiting.charged_unit_code)
        ) as evidence
    from waiting
    left join leaders as leader on waiting.subordinate_unit_code = leader.unit_code
    where waiting.wh_waiting > {{ check_param(check, 'report_hours') }}
)

{{ emit_alerts('fired', check) }}
