-- AP-PT-011 核销剩余料件无处置去向: a verification closed on the business day whose computed leftover materials exceed
-- the minimum share of the imported value while no leftover transfer, domestic sale, re-export or abandonment entry
-- under (or naming) the manual was declared before the close.
{%- set check = {
    'code': 'AP-PT-011',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_VERIFICATION',
    'name_zh': '核销剩余料件无处置去向',
    'name_en': 'Leftover materials with no disposition at close',
    'attribution': 'officer = v.officer_id',
    'params': {'min_share': 0.05},
} %}
{{ config(meta={'check': check}) }}

with verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
    where {{ local_date('close_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where trade_mode in {{ pt_leftover_disposition_modes() }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

undisposed as (
    select verifications.*
    from verifications
    where
        verifications.computed_remaining_value_usd
        > verifications.import_value_usd * {{ check_param(check, 'min_share') }}
        and not exists (
            select 1 from declarations
            where
                (
                    declarations.manual_no = verifications.manual_no
                    or declarations.related_manual_no = verifications.manual_no
                )
                and declarations.declare_ts < verifications.close_ts
        )
),

fired as (
    select
        undisposed.verif_id as object_id,
        undisposed.close_ts as event_ts,
        undisposed.officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', undisposed.manual_no,
            'computed_remaining_value_usd', undisposed.computed_remaining_value_usd,
            'reported_remaining_value_usd', undisposed.reported_remaining_value_usd,
            'import_value_usd', undisposed.import_value_usd
        ) as evidence
    from undisposed
    left join manuals on undisposed.manual_no = manuals.manual_no
)

{{ emit_alerts('fired', check) }}
