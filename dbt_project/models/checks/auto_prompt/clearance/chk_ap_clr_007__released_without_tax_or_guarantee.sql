-- AP-CLR-007 未缴税且无担保放行: a dutiable entry paying per entry (NORMAL) released on the business day while a tax
-- bill was unpaid at the release (paid later or not at all) and no guarantee had been accepted by then.
{%- set check = {
    'code': 'AP-CLR-007',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'ENTRY',
    'name_zh': '未缴税且无担保放行',
    'name_en': 'Released without tax paid or guarantee',
    'attribution': 'officer = RELEASE.officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

duty as (
    select * from {{ ref('int_entry_duty') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where status <> 'CANCELLED'
),

guarantees as (
    select * from {{ ref('stg_raw__guarantee') }}
),

dutiable_releases as (
    select
        releases.*,
        declarations.trade_co,
        duty.tax_total_cny
    from releases
    inner join declarations on releases.entry_id = declarations.entry_id
    inner join duty on releases.entry_id = duty.entry_id
    where duty.is_dutiable and declarations.tax_payment_mode = 'NORMAL'
),

unpaid_at_release as (
    select
        dutiable_releases.entry_id,
        dutiable_releases.release_ts,
        dutiable_releases.release_officer_id,
        dutiable_releases.trade_co,
        dutiable_releases.tax_total_cny,
        array_agg(tax_bills.tax_bill_no order by tax_bills.tax_bill_no) as unpaid_bills,
        sum(tax_bills.amount_cny) as unpaid_amount_cny,
        max(tax_bills.paid_ts) as last_paid_ts
    from dutiable_releases
    inner join tax_bills
        on
            dutiable_releases.entry_id = tax_bills.entry_id
            and (tax_bills.paid_ts is null or dutiable_releases.release_ts < tax_bills.paid_ts)
    where
        not exists (
            select 1 from guarantees
            where
                dutiable_releases.entry_id = guarantees.entry_id
                and guarantees.accept_ts <= dutiable_releases.release_ts
        )
    group by
        dutiable_releases.entry_id,
        dutiable_releases.release_ts,
        dutiable_releases.release_officer_id,
        dutiable_releases.trade_co,
        dutiable_releases.tax_total_cny
),

fired as (
    select
        entry_id as object_id,
        release_ts as event_ts,
        release_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'release_ts', release_ts,
            'unpaid_bills', unpaid_bills,
            'unpaid_amount_cny', unpaid_amount_cny,
            'paid_ts_after_release', last_paid_ts,
            'tax_total_cny', tax_total_cny
        ) as evidence
    from unpaid_at_release
)

{{ emit_alerts('fired', check) }}
