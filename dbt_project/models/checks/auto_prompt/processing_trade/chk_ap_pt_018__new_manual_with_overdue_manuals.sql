-- AP-PT-018 有超期未核销手册仍新批备案: a manual approved on the business day for an operating enterprise that has
-- another manual still executing more than the reporting period after its validity ended.
{%- set check = {
    'code': 'AP-PT-018',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '有超期未核销手册仍新批备案',
    'name_en': 'New manual approved while enterprise has overdue manuals',
    'attribution': 'officer = m.approve_officer_id',
    'params': {'report_days': 30},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

approved_today as (
    select * from manuals
    where {{ local_date('approve_ts') }} = {{ biz_date() }}
),

overdue as (
    select
        approved_today.manual_no,
        jsonb_agg(
            jsonb_build_object('manual_no', other.manual_no, 'valid_until', other.valid_until)
            order by other.manual_no
        ) as overdue_manuals
    from approved_today
    inner join manuals as other
        on
            approved_today.trade_co = other.trade_co
            and approved_today.manual_no <> other.manual_no
            and other.status = 'EXECUTING'
            and other.valid_until + {{ check_param(check, 'report_days') }} < {{ biz_date() }}
    group by approved_today.manual_no
),

fired as (
    select
        approved_today.manual_no as object_id,
        approved_today.approve_ts as event_ts,
        approved_today.approve_officer_id as officer_id,
        approved_today.trade_co as enterprise_code,
        jsonb_build_object('overdue_manuals', overdue.overdue_manuals) as evidence
    from approved_today
    inner join overdue on approved_today.manual_no = overdue.manual_no
)

{{ emit_alerts('fired', check) }}
