-- MA-PT-012 高风险手册核销未下厂核查: a verification closed in the window (biz_date - period_days, biz_date] without a
-- factory check (onsite_check false) although the operating enterprise's credit class is in risk_classes, or its
-- import value reaches min_usd, or its result is not BALANCED. Charged to the verification officer.
-- Interpretation: the enterprise's current credit class (the day's enterprise snapshot) is used.
{%- set check = {
    'code': 'MA-PT-012',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_VERIFICATION',
    'name_zh': '高风险手册核销未下厂核查',
    'name_en': 'High-risk verification without factory check',
    'attribution': 'officer = pt_verification.officer_id',
    'params': {'period_days': 90, 'min_usd': 1000000, 'risk_classes': ['B', 'C', 'GENERAL']},
} %}
{{ config(meta={'check': check}) }}

with verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
    where
        close_ts is not null
        and not coalesce(onsite_check, false)
        and {{ in_window(local_date('close_ts'), check_param(check, 'period_days')) }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

judged as (
    select
        v.*,
        m.trade_co,
        e.credit_class,
        coalesce(e.credit_class in {{ pt_sql_list(check_param(check, 'risk_classes')) }}, false) as risky_class,
        coalesce(v.import_value_usd >= {{ check_param(check, 'min_usd') }}, false) as large_import,
        coalesce(v.result <> 'BALANCED', false) as unbalanced
    from verifications as v
    left join manuals as m on v.manual_no = m.manual_no
    left join enterprises as e on m.trade_co = e.enterprise_code
),

fired as (
    select
        verif_id as object_id,
        close_ts as event_ts,
        officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', manual_no,
            'close_ts', close_ts,
            'credit_class', credit_class,
            'import_value_usd', import_value_usd,
            'result', result,
            'risky_class', risky_class,
            'large_import', large_import,
            'unbalanced', unbalanced,
            'min_usd', {{ check_param(check, 'min_usd') }}
        ) as evidence
    from judged
    where risky_class or large_import or unbalanced
)

{{ emit_alerts('fired', check) }}
