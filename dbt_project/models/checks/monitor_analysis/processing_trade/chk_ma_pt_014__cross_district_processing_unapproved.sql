-- MA-PT-014 跨关区外发加工未经批准: a manual that is EXECUTING, or was approved in the window
-- (biz_date - period_days, biz_date], whose processing enterprise is under a customs of another directly-affiliated
-- district (first two digits of process_co_customs_code and master_customs_code differ) without a cross-district
-- approval. Charged to the manual's approver.
{%- set check = {
    'code': 'MA-PT-014',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '跨关区外发加工未经批准',
    'name_en': 'Processing outside the district without approval',
    'attribution': 'officer = m.approve_officer_id',
    'params': {'period_days': 90},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where
        {{ local_date('approve_ts') }} <= {{ biz_date() }}
        and (status = 'EXECUTING' or {{ in_window(local_date('approve_ts'), check_param(check, 'period_days')) }})
),

fired as (
    select
        manual_no as object_id,
        approve_ts as event_ts,
        approve_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'status', status,
            'process_co', process_co,
            'process_co_customs_code', process_co_customs_code,
            'master_customs_code', master_customs_code,
            'cross_district_approved', cross_district_approved
        ) as evidence
    from manuals
    where
        left(process_co_customs_code, 2) <> left(master_customs_code, 2)
        and not coalesce(cross_district_approved, false)
)

{{ emit_alerts('fired', check) }}
