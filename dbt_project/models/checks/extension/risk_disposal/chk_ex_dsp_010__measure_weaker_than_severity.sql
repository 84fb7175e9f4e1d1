-- EX-DSP-010 处置措施与预警等级不匹配: an hl alert whose verification concluded CONFIRMED and that was CLOSEd on
-- :biz_date (its latest CLOSE) with a latest disposal measure ranked below what its colour requires:
-- rank NONE 0 < REMIND_TALK 1 < ADMONISH_TALK = CORRECT_NOTICE 2 < REFER_DISCIPLINE = ORG_HANDLING 3; yellow
-- needs 1, orange 2, red 3 (no DISPOSE at all counts as NONE). Charged to the disposing leader; object: the alert.
{%- set check = {
    'code': 'EX-DSP-010', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'ALERT',
    'name_zh': '处置措施与预警等级不匹配', 'name_en': 'Disposal measure weaker than severity requires',
    'attribution': 'disposing leader', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with alerts as (
    select
        *,
        case coalesce(disposal_measure, 'NONE')
            when 'NONE' then 0
            when 'REMIND_TALK' then 1
            when 'ADMONISH_TALK' then 2
            when 'CORRECT_NOTICE' then 2
            else 3
        end as measure_rank,
        case severity when 'yellow' then 1 when 'orange' then 2 else 3 end as required_rank
    from {{ ref('int_dsp_alert_as_of') }}
    where conclusion = 'CONFIRMED' and {{ local_date('closed_ts') }} = {{ biz_date() }}
),

fired as (
    select
        alert_id::text as object_id,
        closed_ts as event_ts,
        disposer_officer_id as officer_id,
        enterprise_code,
        jsonb_build_object(
            'alert_id', alert_id,
            'alert_check_code', check_code,
            'alert_severity', severity,
            'disposal_measure', coalesce(disposal_measure, 'NONE'),
            'measure_rank', measure_rank,
            'required_rank', required_rank,
            'closed_ts', closed_ts
        ) as evidence
    from alerts
    where measure_rank < required_rank
)

{{ emit_alerts('fired', check) }}
