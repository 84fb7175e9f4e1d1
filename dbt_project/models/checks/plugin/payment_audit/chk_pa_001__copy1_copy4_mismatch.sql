-- PA-001 缴款书比对不符: a copy-1 claim whose final result (the month-end run of its audit month, int_pa_cert_match)
-- is MISMATCH: copy 4 exists but payer, fill date or amount differ. Customs-side cause when copy 4 itself differs
-- from the customs tax bill in one of the mismatching fields: charged to the bill's issuing officer; otherwise the
-- taxpayer collected it wrongly (informational, no officer).
{%- set check = {
    'code': 'PA-001',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'CERT_CLAIM',
    'name_zh': '缴款书比对不符',
    'name_en': 'Copy 1 vs copy 4 mismatch (不符)',
    'attribution': 'customs-side cause: tax_bill.issuing_officer_id; otherwise taxpayer (outside customs, informational)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with matches as (
    select * from {{ ref('int_pa_cert_match') }}
    where is_final and result = 'MISMATCH'
),

copy4 as (
    select * from {{ ref('int_pa_cert_copy4') }}
),

classified as (
    select
        matches.*,
        copy4.issuing_officer_id,
        copy4.bill_issue_ts,
        copy4.bill_amount_cny,
        copy4.bill_fill_date,
        copy4.bill_payer_uscc,
        coalesce(
            string_to_array(matches.mismatch_fields, ',') && string_to_array(copy4.customs_error, ','), false
        ) as customs_caused
    from matches
    left join copy4 on matches.cert_no = copy4.cert_no
),

fired as (
    select
        claim_key as object_id,
        payer_enterprise_code as enterprise_code,
        case when customs_caused then bill_issue_ts else collect_ts end as event_ts,
        case when customs_caused then issuing_officer_id end as officer_id,
        jsonb_build_object(
            'cert_no', cert_no,
            'payer_uscc', payer_uscc,
            'audit_month', audit_month,
            'mismatch_fields', mismatch_fields,
            'cause', case when customs_caused then 'CUSTOMS_DATA' else 'TAXPAYER_COLLECTION' end,
            'copy1', jsonb_build_object('fill_date', fill_date, 'tax_amount', tax_amount),
            'copy4', jsonb_build_object(
                'payer_uscc', c4_payer_uscc, 'fill_date', c4_fill_date, 'tax_amount', c4_tax_amount
            ),
            'tax_bill', jsonb_build_object(
                'payer_uscc', bill_payer_uscc, 'fill_date', bill_fill_date, 'amount_cny', bill_amount_cny
            )
        ) as evidence
    from classified
)

{{ emit_alerts('fired', check) }}
