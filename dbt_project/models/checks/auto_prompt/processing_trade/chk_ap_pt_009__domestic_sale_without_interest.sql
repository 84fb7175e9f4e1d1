-- AP-PT-009 内销未征缓税利息: a dutiable processing-trade domestic sale (0245, 0644, 0844, 0845) released on the
-- business day without a live deferred-tax interest bill (tax_type X), unless its trade mode is exempted.
{%- set check = {
    'code': 'AP-PT-009',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '内销未征缓税利息',
    'name_en': 'Deferred-tax interest not levied on domestic sale',
    'attribution': 'officer = TAX step officer',
    'params': {'interest_exempt_modes': []},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where
        ie_flag = 'I'
        and trade_mode in {{ pt_domestic_sale_approval_modes() }}
        and trade_mode not in {{ pt_sql_list(check_param(check, 'interest_exempt_modes')) }}
        and release_date = {{ biz_date() }}
),

duty as (
    select * from {{ ref('int_entry_duty') }}
),

tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
),

without_interest as (
    select
        entries.*,
        duty.tax_total_cny
    from entries
    inner join duty on entries.entry_id = duty.entry_id
    where
        duty.is_dutiable
        and not exists (
            select 1 from tax_bills
            where entries.entry_id = tax_bills.entry_id and tax_bills.tax_type = 'X' and tax_bills.status <> 'CANCELLED'
        )
),

fired as (
    select
        entry_id as object_id,
        release_ts as event_ts,
        tax_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'trade_mode', trade_mode,
            'manual_no', manual_no,
            'tax_total_cny', tax_total_cny
        ) as evidence
    from without_interest
)

{{ emit_alerts('fired', check) }}
