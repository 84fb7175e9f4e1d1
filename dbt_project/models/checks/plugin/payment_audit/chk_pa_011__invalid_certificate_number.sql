-- PA-011 缴款书号码格式或关区无效: a copy-1 claim whose normalised number (§4.2) is not a VAT certificate number of
-- H2000 form ^\d{4}(19|20)\d{2}1\d{9}[-/*]L\d{2}$ (a letter other than L is a non-VAT certificate), or whose first 4
-- digits are not a customs code (customs_district_codes), or whose year (characters 5–8) is not the fill date's.
-- The 19-character H883 legacy form (4-digit customs code, 2-digit year, 9 digits, -L, 2 digits) is accepted as is.
-- Referral (possible forgery), no officer.
{%- set check = {
    'code': 'PA-011',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CERT_CLAIM',
    'name_zh': '缴款书号码格式或关区无效',
    'name_en': 'Invalid certificate number format or customs code',
    'attribution': 'referral (possible forgery)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with claims as (
    select * from {{ ref('int_pa_cert_claims') }}
    where cert_no !~ '^[0-9]{6}[0-9]{9}-L[0-9]{2}$'
),

customs_codes as (
    select code from {{ ref('customs_district_codes') }}
),

checked as (
    select
        claims.*,
        array_remove(array[
            case when claims.cert_no !~ '^[0-9]{4}(19|20)[0-9]{2}1[0-9]{9}[-/*][A-Z][0-9]{2}$' then 'format' end,
            case
                when claims.cert_no ~ '^.{19}[A-Z]' and substr(claims.cert_no, 20, 1) <> 'L' then 'not_vat'
            end,
            case
                when
                    not exists (
                        select 1 from customs_codes
                        where customs_codes.code = left(claims.cert_no, 4)
                    )
                    then 'customs_code'
            end,
            case
                when
                    claims.cert_no ~ '^[0-9]{8}'
                    and substr(claims.cert_no, 5, 4)::int <> extract(year from claims.fill_date)
                    then 'year'
            end
        ], null) as defects
    from claims
),

fired as (
    select
        claim_key as object_id,
        collect_ts as event_ts,
        null::text as officer_id,
        payer_enterprise_code as enterprise_code,
        jsonb_build_object(
            'cert_no', cert_no,
            'cert_no_raw', cert_no_raw,
            'payer_uscc', payer_uscc,
            'fill_date', fill_date,
            'defects', defects
        ) as evidence
    from checked
    where cardinality(defects) > 0
)

{{ emit_alerts('fired', check) }}
