-- PA-005 已相符缴款书重复抵扣: a copy-1 claim whose final result is HISTORICAL_MATCH (历史相符): the same taxpayer's
-- earlier claim of the number already matched in an earlier audit month (recomputed, or MATCH in the tax side's
-- vat_cert_match_result), so the certificate is submitted for deduction again. Referral to the tax side.
{%- set check = {
    'code': 'PA-005',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CERT_CLAIM',
    'name_zh': '已相符缴款书重复抵扣',
    'name_en': 'Certificate already matched submitted again',
    'attribution': 'referral (tax side)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with matches as (
    select * from {{ ref('int_pa_cert_match') }}
),

resubmitted as (
    select * from matches
    where is_final and result = 'HISTORICAL_MATCH'
),

fired as (
    select
        r.claim_key as object_id,
        r.collect_ts as event_ts,
        null::text as officer_id,
        r.payer_enterprise_code as enterprise_code,
        jsonb_build_object(
            'cert_no', r.cert_no,
            'payer_uscc', r.payer_uscc,
            'audit_month', r.audit_month,
            'tax_amount', r.tax_amount,
            'earlier_match_month', (
                select max(m.audit_month) from matches as m
                where
                    m.cert_no = r.cert_no and m.payer_uscc = r.payer_uscc
                    and m.result = 'MATCH' and m.audit_month < r.audit_month
            )
        ) as evidence
    from resubmitted as r
)

{{ emit_alerts('fired', check) }}
