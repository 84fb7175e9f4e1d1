-- PA-003 缴款书缺联: a copy-1 claim whose final result is MISSING (缺联): copy 4 still absent after the retention
-- window (2 months, 6 after a recheck that found the original correct). The evidence says why on the customs side:
-- the VAT bill exists and was paid (transmission failure of the issuing customs), exists unpaid or cancelled, or
-- does not exist (possible forged certificate, referral). No officer: the issuing unit or the referral is named.
{%- set check = {
    'code': 'PA-003',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'CERT_CLAIM',
    'name_zh': '缴款书缺联',
    'name_en': 'Copy 4 missing after retention window (缺联)',
    'attribution': 'customs unit of tax_bill if the bill exists; else referral to tax/anti-smuggling',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with matches as (
    select * from {{ ref('int_pa_cert_match') }}
    where is_final and result = 'MISSING'
),

bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where tax_type = 'L'
),

fired as (
    select
        matches.claim_key as object_id,
        matches.collect_ts as event_ts,
        null::text as officer_id,
        matches.payer_enterprise_code as enterprise_code,
        jsonb_build_object(
            'cert_no', matches.cert_no,
            'payer_uscc', matches.payer_uscc,
            'audit_month', matches.audit_month,
            'fill_date', matches.fill_date,
            'months_since_fill', matches.months_since_fill,
            'window_months', matches.window_months,
            'cause', case
                when bills.tax_bill_no is null then 'POSSIBLE_FORGERY'
                when bills.status = 'CANCELLED' then 'BILL_CANCELLED'
                when bills.paid_ts is null then 'BILL_UNPAID'
                else 'CUSTOMS_TRANSMISSION'
            end,
            'bill_status', bills.status,
            'paid_ts', bills.paid_ts,
            'customs_code', left(matches.cert_no, 4)
        ) as evidence
    from matches
    left join bills on matches.cert_no = bills.tax_bill_no
)

{{ emit_alerts('fired', check) }}
