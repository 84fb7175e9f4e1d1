-- PA-008 第四联与海关税单数据不一致: copy 4 of a live (not cancelled; PA-007 covers those) customs VAT bill differs
-- from the bill in amount, fill date (local issue date) or payer, or the bill is unpaid. One alert per certificate,
-- charged to the bill's issuing officer.
{%- set check = {
    'code': 'PA-008',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CERT',
    'name_zh': '第四联与海关税单数据不一致',
    'name_en': 'Copy 4 inconsistent with customs tax bill',
    'attribution': 'officer = t.issuing_officer_id; customs data-transmission unit',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with copy4 as (
    select * from {{ ref('int_pa_cert_copy4') }}
    where tax_bill_no is not null and bill_status <> 'CANCELLED' and customs_error <> ''
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

fired as (
    select
        copy4.cert_no as object_id,
        copy4.bill_issue_ts as event_ts,
        copy4.issuing_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'cert_no', copy4.cert_no,
            'differs', copy4.customs_error,
            'copy4', jsonb_build_object(
                'payer_uscc', copy4.payer_uscc, 'fill_date', copy4.fill_date, 'tax_amount', copy4.tax_amount
            ),
            'tax_bill', jsonb_build_object(
                'payer_uscc', copy4.bill_payer_uscc, 'fill_date', copy4.bill_fill_date,
                'amount_cny', copy4.bill_amount_cny, 'paid_ts', copy4.bill_paid_ts
            ),
            'transmitted_ts', copy4.transmitted_ts,
            'customs_code', copy4.customs_code
        ) as evidence
    from copy4
    left join declarations on copy4.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
