-- AP-TAR-008 税款逾期未缴或滞纳金未征: a live tax bill still unpaid on its first overdue day (due_date = business day
-- - grace_days), or paid on the business day after its due date with no late-payment fee (PAY_LATE) on the entry.
-- due_date is the bill's own column (issue date + 15 days, 海关法 第60条).
{%- set check = {
    'code': 'AP-TAR-008',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'TAX_BILL',
    'name_zh': '税款逾期未缴或滞纳金未征',
    'name_en': 'Tax overdue and late-payment fee not levied',
    'attribution': 'officer = t.issuing_officer_id; tax section',
    'params': {'grace_days': 1},
} %}
{{ config(meta={'check': check}) }}

with tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where status <> 'CANCELLED'
),

late_fees as (
    select * from {{ ref('stg_raw__late_fee') }}
    where fee_type = 'PAY_LATE'
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

tax_sections as (
    select * from {{ ref('int_tax_sections') }}
),

overdue_unpaid as (
    select
        tax_bills.*,
        'OVERDUE_UNPAID' as finding,
        {{ end_of_day('tax_bills.due_date') }} as overdue_since_ts
    from tax_bills
    where
        tax_bills.paid_ts is null
        and tax_bills.due_date = {{ biz_date() }} - {{ check_param(check, 'grace_days') }}
),

paid_late_without_fee as (
    select
        tax_bills.*,
        'PAID_LATE_NO_FEE' as finding,
        tax_bills.paid_ts as overdue_since_ts
    from tax_bills
    where
        {{ local_date('tax_bills.paid_ts') }} = {{ biz_date() }}
        and {{ local_date('tax_bills.paid_ts') }} > tax_bills.due_date
        and not exists (
            select 1 from late_fees
            where tax_bills.entry_id = late_fees.entry_id
        )
),

findings as (
    select * from overdue_unpaid
    union all
    select * from paid_late_without_fee
),

fired as (
    select
        findings.tax_bill_no as object_id,
        findings.overdue_since_ts as event_ts,
        findings.issuing_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'finding', findings.finding,
            'entry_id', findings.entry_id,
            'tax_type', findings.tax_type,
            'amount_cny', findings.amount_cny,
            'issue_ts', findings.issue_ts,
            'due_date', findings.due_date,
            'paid_ts', findings.paid_ts,
            'tax_section_unit_code', tax_sections.tax_section_unit_code
        ) as evidence
    from findings
    left join declarations on findings.entry_id = declarations.entry_id
    left join tax_sections on declarations.declare_customs_code = tax_sections.customs_code
)

{{ emit_alerts('fired', check) }}
