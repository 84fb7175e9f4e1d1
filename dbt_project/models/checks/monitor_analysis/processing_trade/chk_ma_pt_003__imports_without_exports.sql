-- MA-PT-003 只进不出手册: an EXECUTING manual approved at least min_age_days before the business day whose released
-- imports (int_pt_manual_balance.imports_usd) reach imp_pct of its import value limit while its released exports plus
-- transfers out stay at or below exp_pct of its export value limit. Charged to no officer: the processing-trade
-- section of the manual's master customs owns it (in the evidence).
{%- set check = {
    'code': 'MA-PT-003',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '只进不出手册',
    'name_en': 'Manuals importing without exporting',
    'attribution': 'processing-trade section (manual owner unit)',
    'params': {'min_age_days': 180, 'imp_pct': 0.9, 'exp_pct': 0.2},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where
        status = 'EXECUTING'
        and {{ local_date('approve_ts') }} <= {{ biz_date() }} - {{ check_param(check, 'min_age_days') }}
),

balances as (
    select * from {{ ref('int_pt_manual_balance') }}
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

fired as (
    select
        manuals.manual_no as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        null::text as officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'approve_date', {{ local_date('manuals.approve_ts') }},
            'age_days', {{ biz_date() }} - {{ local_date('manuals.approve_ts') }},
            'imports_usd', balances.imports_usd,
            'import_value_limit_usd', manuals.import_value_limit_usd,
            'import_share', round(balances.imports_usd / nullif(manuals.import_value_limit_usd, 0), 4),
            'exports_usd', balances.exports_usd,
            'transfers_out_usd', balances.transfers_out_usd,
            'export_value_limit_usd', manuals.export_value_limit_usd,
            'export_share', round(
                (balances.exports_usd + balances.transfers_out_usd) / nullif(manuals.export_value_limit_usd, 0), 4
            ),
            'imp_pct', {{ check_param(check, 'imp_pct') }},
            'exp_pct', {{ check_param(check, 'exp_pct') }},
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from manuals
    inner join balances on manuals.manual_no = balances.manual_no
    left join sections on manuals.master_customs_code = sections.customs_code
    where
        balances.imports_usd >= {{ check_param(check, 'imp_pct') }} * manuals.import_value_limit_usd
        and balances.exports_usd + balances.transfers_out_usd
        <= {{ check_param(check, 'exp_pct') }} * manuals.export_value_limit_usd
)

{{ emit_alerts('fired', check) }}
