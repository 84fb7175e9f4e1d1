-- AP-PT-024 报核受理后超期未核销: an accepted verification still open on the first day after its time limit (acceptance
-- date + verify days, + extension days when an extension was approved) ran out.
{%- set check = {
    'code': 'AP-PT-024',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'PT_VERIFICATION',
    'name_zh': '报核受理后超期未核销',
    'name_en': 'Verification not completed in time',
    'attribution': 'officer = v.officer_id',
    'params': {'verify_days': 30, 'extension_days': 30},
} %}
{{ config(meta={'check': check}) }}

with verifications as (
    select
        *,
        {{ local_date('accept_ts') }} + {{ check_param(check, 'verify_days') }}
        + case when extension_approved then {{ check_param(check, 'extension_days') }} else 0 end as due_date
    from {{ ref('stg_raw__pt_verification') }}
    where close_ts is null and accept_ts is not null
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

overdue as (
    select * from verifications
    where due_date = {{ biz_date() }} - 1
),

fired as (
    select
        overdue.verif_id as object_id,
        {{ end_of_day('overdue.due_date') }} as event_ts,
        overdue.officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', overdue.manual_no,
            'accept_ts', overdue.accept_ts,
            'extension_approved', overdue.extension_approved,
            'due_date', overdue.due_date
        ) as evidence
    from overdue
    left join manuals on overdue.manual_no = manuals.manual_no
)

{{ emit_alerts('fired', check) }}
