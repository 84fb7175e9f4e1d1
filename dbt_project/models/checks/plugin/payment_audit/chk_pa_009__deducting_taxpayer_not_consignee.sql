-- PA-009 抵扣单位与报关单收货人不一致: a copy-1 claim by a taxpayer who is neither the consignee (trade_co) nor the
-- owner (owner_code) of the declaration the certificate belongs to (entry_id = the first 18 characters of the
-- number), on a certificate that declares no second payer. One alert per number and taxpayer, charged to the
-- officer of the entry's TAX step (who set the payer on the bill).
{%- set check = {
    'code': 'PA-009',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'CERT_PAYER',
    'name_zh': '抵扣单位与报关单收货人不一致',
    'name_en': 'Deducting taxpayer differs from consignee',
    'attribution': 'officer = TAX step officer of the entry (payer set on the bill)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with claims as (
    select * from {{ ref('int_pa_cert_claims') }}
    where payer_uscc_2 is null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

tax_steps as (
    select * from {{ ref('int_tax_entry_steps') }}
    where step_code = 'TAX'
),

foreign_claims as (
    select distinct on (claims.cert_no, claims.payer_uscc)
        claims.*,
        declarations.entry_id,
        declarations.trade_co,
        declarations.owner_code
    from claims
    inner join declarations on left(claims.cert_no, 18) = declarations.entry_id
    where
        not exists (
            select 1 from enterprises as e
            where
                e.uscc = claims.payer_uscc
                and e.enterprise_code in (declarations.trade_co, declarations.owner_code)
        )
    order by claims.cert_no asc, claims.payer_uscc asc, claims.collect_ts asc
),

fired as (
    select
        tax_steps.officer_id,
        f.trade_co as enterprise_code,
        f.cert_no || '|' || f.payer_uscc as object_id,
        coalesce(tax_steps.start_ts, f.collect_ts) as event_ts,
        jsonb_build_object(
            'cert_no', f.cert_no,
            'payer_uscc', f.payer_uscc,
            'payer_enterprise_code', f.payer_enterprise_code,
            'entry_id', f.entry_id,
            'trade_co', f.trade_co,
            'owner_code', f.owner_code,
            'collect_ts', f.collect_ts
        ) as evidence
    from foreign_claims as f
    left join tax_steps on f.entry_id = tax_steps.entry_id
)

{{ emit_alerts('fired', check) }}
