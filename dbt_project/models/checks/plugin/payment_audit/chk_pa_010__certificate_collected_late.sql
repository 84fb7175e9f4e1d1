-- PA-010 缴款书超期采集: a copy-1 claim collected more than :max_days days after the certificate's fill date
-- (local collection date − fill date; 90 in the 2009 trial, 180 in 2010–2016, abolished 2017: set per era).
-- Informational for the tax side, no officer.
{%- set check = {
    'code': 'PA-010',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'CERT_CLAIM',
    'name_zh': '缴款书超期采集',
    'name_en': 'Certificate collected after the allowed period',
    'attribution': 'informational (tax side)',
    'params': {'max_days': 180},
} %}
{{ config(meta={'check': check}) }}

with claims as (
    select * from {{ ref('int_pa_cert_claims') }}
    where collect_date - fill_date > {{ check_param(check, 'max_days') }}
),

fired as (
    select
        claim_key as object_id,
        collect_ts as event_ts,
        null::text as officer_id,
        payer_enterprise_code as enterprise_code,
        jsonb_build_object(
            'cert_no', cert_no,
            'payer_uscc', payer_uscc,
            'fill_date', fill_date,
            'collect_date', collect_date,
            'days_to_collect', collect_date - fill_date,
            'max_days', {{ check_param(check, 'max_days') }}
        ) as evidence
    from claims
)

{{ emit_alerts('fired', check) }}
