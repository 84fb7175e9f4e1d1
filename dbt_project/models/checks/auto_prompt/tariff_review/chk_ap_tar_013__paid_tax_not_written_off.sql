-- AP-TAR-013 已缴款未及时核注: a live tax bill paid more than max_hours working hours before the end of the business
-- day and still not written off (核注), its entry not released (the goods wait for the posting). Charged to the TAX
-- step officer where known; the tax section is in evidence.
{%- set check = {
    'code': 'AP-TAR-013',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'TAX_BILL',
    'name_zh': '已缴款未及时核注',
    'name_en': 'Paid tax not written off (核注) in time',
    'attribution': 'tax section (officer = TAX step officer if known)',
    'params': {'max_hours': 4},
} %}
{{ config(meta={'check': check}) }}

with tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where
        status <> 'CANCELLED'
        and paid_ts is not null
        and written_off_ts is null
        and paid_ts < {{ end_of_biz_date() }}
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

tax_steps as (
    select * from {{ ref('int_tax_entry_steps') }}
    where step_code = 'TAX'
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

tax_sections as (
    select * from {{ ref('int_tax_sections') }}
),

held as (
    select
        tax_bills.*,
        {{ working_hours_between('tax_bills.paid_ts', end_of_biz_date()) }} as working_hours_unposted
    from tax_bills
    where not exists (
        select 1 from releases
        where tax_bills.entry_id = releases.entry_id
    )
),

late as (
    select *
    from held
    where working_hours_unposted > {{ check_param(check, 'max_hours') }}
),

fired as (
    select
        late.tax_bill_no as object_id,
        late.paid_ts as event_ts,
        tax_steps.officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', late.entry_id,
            'tax_type', late.tax_type,
            'amount_cny', late.amount_cny,
            'paid_ts', late.paid_ts,
            'working_hours_unposted', round(late.working_hours_unposted, 2),
            'tax_section_unit_code', coalesce(tax_steps.section_unit_code, tax_sections.tax_section_unit_code)
        ) as evidence
    from late
    left join tax_steps on late.entry_id = tax_steps.entry_id
    left join declarations on late.entry_id = declarations.entry_id
    left join tax_sections on declarations.declare_customs_code = tax_sections.customs_code
)

{{ emit_alerts('fired', check) }}
