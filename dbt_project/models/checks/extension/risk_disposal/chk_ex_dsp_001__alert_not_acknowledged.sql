-- EX-DSP-001 预警未按时签收: an hl alert issued before the end of :biz_date that has no ACK by then, with more than
-- :ack_hours working hours between its ISSUE and the end of :biz_date (WH(issued, :biz_date + 1)). Alerts raised
-- by the EX-DSP checks themselves are not re-checked (that would chain alerts on alerts). Charged to the chief of
-- the alert's section; the alert's object is the hl alert (alert_id).
{%- set check = {
    'code': 'EX-DSP-001', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'timeliness', 'severity': 'yellow', 'object_type': 'ALERT',
    'name_zh': '预警未按时签收', 'name_en': 'Alert not acknowledged in time',
    'attribution': 'section chief of a.section_unit_code', 'params': {'ack_hours': 8},
} %}
{{ config(meta={'check': check}) }}

with alerts as (
    select * from {{ ref('int_dsp_alert_as_of') }}
    where acked_ts is null and check_code not like 'EX-DSP-%'
),

leaders as (
    select * from {{ ref('int_dsp_unit_leaders') }}
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
        chief.leader_officer_id as officer_id,
        waiting.enterprise_code,
        jsonb_build_object(
            'alert_id', waiting.alert_id,
            'alert_check_code', waiting.check_code,
            'alert_severity', waiting.severity,
            'issued_ts', waiting.issued_ts,
            'working_hours_waiting', round(waiting.wh_waiting::numeric, 2),
            'ack_hours', {{ check_param(check, 'ack_hours') }},
            'section_unit_code', waiting.section_unit_code,
            'unit_code', coalesce(waiting.section_unit_code, waiting.charged_unit_code)
        ) as evidence
    from waiting
    left join leaders as chief
        on waiting.section_unit_code = chief.unit_code and chief.unit_level = 'SECTION'
    where waiting.wh_waiting > {{ check_param(check, 'ack_hours') }}
)

{{ emit_alerts('fired', check) }}
