-- MA-PT-004 核销料件不平衡仍结案: a verification closed in the window (biz_date - period_days, biz_date] whose reported
-- remaining value differs from the computed remaining value by more than tol_pct of its import value. Charged to the
-- verification officer.
{%- set check = {
    'code': 'MA-PT-004',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'PT_VERIFICATION',
    'name_zh': '核销料件不平衡仍结案',
    'name_en': 'Verification closed despite material imbalance',
    'attribution': 'officer = pt_verification.officer_id',
    'params': {'period_days': 90, 'tol_pct': 0.05},
} %}
{{ config(meta={'check': check}) }}

with verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
    where close_ts is not null and {{ in_window(local_date('close_ts'), check_param(check, 'period_days')) }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

fired as (
    select
        v.verif_id as object_id,
        v.close_ts as event_ts,
        v.officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', v.manual_no,
            'close_ts', v.close_ts,
            'result', v.result,
            'import_value_usd', v.import_value_usd,
            'reported_remaining_value_usd', v.reported_remaining_value_usd,
            'computed_remaining_value_usd', v.computed_remaining_value_usd,
            'difference_usd', abs(v.reported_remaining_value_usd - v.computed_remaining_value_usd),
            'difference_share', round(
                abs(v.reported_remaining_value_usd - v.computed_remaining_value_usd)
                / nullif(v.import_value_usd, 0), 4
            ),
            'tol_pct', {{ check_param(check, 'tol_pct') }}
        ) as evidence
    from verifications as v
    left join manuals on v.manual_no = manuals.manual_no
    where
        abs(v.reported_remaining_value_usd - v.computed_remaining_value_usd)
        > {{ check_param(check, 'tol_pct') }} * v.import_value_usd
)

{{ emit_alerts('fired', check) }}
