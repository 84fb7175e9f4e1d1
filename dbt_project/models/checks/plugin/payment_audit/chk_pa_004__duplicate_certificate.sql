-- PA-004 缴款书重号: a certificate number whose claims got the final result DUPLICATE (重号): two or more taxpayers
-- (a claim's own declared second payer not counted) claimed it and one claim equals copy 4. One alert per number;
-- the tax side investigates. The evidence lists the claimants and, where the declaration is known, whether a
-- claimant is neither its consignee nor its owner (customs is informed, PA-009).
{%- set check = {
    'code': 'PA-004',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'CERT',
    'name_zh': '缴款书重号',
    'name_en': 'Same certificate claimed by two or more taxpayers (重号)',
    'attribution': 'referral (tax side); customs informed if payer differs from declaration consignee',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with matches as (
    select * from {{ ref('int_pa_cert_match') }}
    where is_final and result = 'DUPLICATE'
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

per_cert as (
    select
        cert_no,
        min(audit_month) as audit_month,
        max(collect_ts) as last_collect_ts,
        array_agg(distinct payer_uscc::text order by payer_uscc::text) as claimants
    from matches
    group by cert_no
),

fired as (
    select
        per_cert.cert_no as object_id,
        per_cert.last_collect_ts as event_ts,
        null::text as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'cert_no', per_cert.cert_no,
            'audit_month', per_cert.audit_month,
            'claimants', per_cert.claimants,
            'consignee_uscc', (
                select array_agg(e.uscc::text order by e.uscc::text) from enterprises as e
                where e.enterprise_code in (declarations.trade_co, declarations.owner_code)
            )
        ) as evidence
    from per_cert
    left join declarations on left(per_cert.cert_no, 18) = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
