-- AP-PT-010 核销短少未征税未移交: a verification closed on the business day with a shortage above the minimum value
-- for which no tax was collected, nothing was transferred to anti-smuggling and no PT_VERIFY clue names it.
{%- set check = {
    'code': 'AP-PT-010',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'PT_VERIFICATION',
    'name_zh': '核销短少未征税未移交',
    'name_en': 'Verification closed with shortage but no tax or referral',
    'attribution': 'officer = v.officer_id',
    'params': {'min_usd': 0},
} %}
{{ config(meta={'check': check}) }}

with verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
    where {{ local_date('close_ts') }} = {{ biz_date() }}
),

clues as (
    select * from {{ ref('stg_raw__smuggling_clue') }}
    where source_type = 'PT_VERIFY'
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

unhandled as (
    select verifications.*
    from verifications
    where
        verifications.result = 'SHORTAGE'
        and verifications.shortage_value_usd > {{ check_param(check, 'min_usd') }}
        and coalesce(verifications.tax_collected_cny, 0) = 0
        and not verifications.case_transferred
        and not exists (
            select 1 from clues
            where clues.source_ref = verifications.verif_id::text
        )
),

fired as (
    select
        unhandled.verif_id as object_id,
        unhandled.close_ts as event_ts,
        unhandled.officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', unhandled.manual_no,
            'shortage_value_usd', unhandled.shortage_value_usd,
            'import_value_usd', unhandled.import_value_usd,
            'tax_collected_cny', unhandled.tax_collected_cny,
            'case_transferred', unhandled.case_transferred
        ) as evidence
    from unhandled
    left join manuals on unhandled.manual_no = manuals.manual_no
)

{{ emit_alerts('fired', check) }}
