-- AP-CLR-011 查验记录录入不及时: an inspection result entered on the business day more than :max_hours (clock hours)
-- after the inspection ended, or still not entered at the end of the business day more than :max_hours after it.
{%- set check = {
    'code': 'AP-CLR-011',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'INSPECTION',
    'name_zh': '查验记录录入不及时',
    'name_en': 'Inspection record entered late',
    'attribution': 'officer = i.lead_officer_id',
    'params': {'max_hours': 4},
} %}
{{ config(meta={'check': check}) }}

with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where end_ts is not null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

late_records as (
    select *
    from inspections
    where
        (
            {{ local_date('result_entered_ts') }} = {{ biz_date() }}
            and result_entered_ts - end_ts > interval '1 hour' * {{ check_param(check, 'max_hours') }}
        )
        or (
            result_entered_ts is null
            and {{ end_of_biz_date() }} - end_ts > interval '1 hour' * {{ check_param(check, 'max_hours') }}
        )
),

fired as (
    select
        late_records.insp_id as object_id,
        late_records.lead_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        coalesce(late_records.result_entered_ts, late_records.end_ts) as event_ts,
        jsonb_build_object(
            'entry_id', late_records.entry_id,
            'end_ts', late_records.end_ts,
            'result_entered_ts', late_records.result_entered_ts,
            'hours_to_entry', round(
                extract(
                    epoch from coalesce(late_records.result_entered_ts, {{ end_of_biz_date() }})
                    - late_records.end_ts
                ) / 3600.0, 2
            )
        ) as evidence
    from late_records
    left join declarations on late_records.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
