-- EX-DSP-005 黄色预警累积升级: per attributed officer, as of the end of :biz_date, >= :n_yellow yellow alerts whose
-- verification concluded CONFIRMED with alert date in (:biz_date - :days, :biz_date] → an orange signal
-- (raise_to orange), and >= :n_orange confirmed orange alerts in (:biz_date - :days_orange, :biz_date] → a red
-- signal (raise_to red). Not raised again while an EX-DSP-005 alert of the same officer and level is already in
-- hl within that window ("unless already escalated"); EX-DSP-005's own alerts are not counted. One alert per
-- officer, level and day; the severity is the check's (orange), the level reached is in the evidence.
{%- set check = {
    'code': 'EX-DSP-005', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'OFFICER_LEVEL',
    'name_zh': '黄色预警累积升级', 'name_en': 'Accumulated alerts escalate colour',
    'attribution': 'officer; section',
    'params': {'days': 90, 'n_yellow': 3, 'days_orange': 180, 'n_orange': 2},
} %}
{{ config(meta={'check': check}) }}

with alerts as (
    select * from {{ ref('int_dsp_alert_as_of') }}
),

confirmed as (
    select * from alerts
    where conclusion = 'CONFIRMED' and officer_id is not null and check_code <> 'EX-DSP-005'
),

levels as (
    select
        officer_id,
        'ORANGE' as raise_to,
        {{ check_param(check, 'days') }} as window_days,
        {{ check_param(check, 'n_yellow') }} as threshold,
        count(*) as n,
        max(issued_ts) as last_issued_ts,
        jsonb_agg(alert_id order by alert_id) as alert_ids
    from confirmed
    where severity = 'yellow' and {{ in_window('alert_biz_date', check_param(check, 'days')) }}
    group by officer_id
    union all
    select
        officer_id,
        'RED' as raise_to,
        {{ check_param(check, 'days_orange') }} as window_days,
        {{ check_param(check, 'n_orange') }} as threshold,
        count(*) as n,
        max(issued_ts) as last_issued_ts,
        jsonb_agg(alert_id order by alert_id) as alert_ids
    from confirmed
    where severity = 'orange' and {{ in_window('alert_biz_date', check_param(check, 'days_orange')) }}
    group by officer_id
),

fired as (
    select
        levels.officer_id || '|' || levels.raise_to || '|' || {{ biz_date() }}::text as object_id,
        levels.last_issued_ts as event_ts,
        levels.officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'raise_to', lower(levels.raise_to),
            'confirmed_alerts', levels.n,
            'threshold', levels.threshold,
            'window_days', levels.window_days,
            'alert_ids', levels.alert_ids
        ) as evidence
    from levels
    where
        levels.n >= levels.threshold
        and not exists (
            select 1 from alerts as earlier
            where
                earlier.check_code = 'EX-DSP-005'
                and earlier.object_id like levels.officer_id || '|' || levels.raise_to || '|%'
                and earlier.alert_biz_date > {{ biz_date() }} - levels.window_days
        )
)

{{ emit_alerts('fired', check) }}
