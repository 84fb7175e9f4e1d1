-- EX-EXM-001 征免税证明超范围使用: an import entry released on the business day that quotes an exemption certificate
-- (manual_no starting with Z, found in tax_exemption_cert) while one of its items has an 8-digit tariff line outside
-- the certificate's hs_scope, or the entry's trade_co is not the certificate's enterprise. One alert per entry;
-- charged to the MANUAL_REVIEW officer, else the RELEASE officer.
{%- set check = {
    'code': 'EX-EXM-001',
    'module': 'extension',
    'business_line': 'tax_exemption',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '征免税证明超范围使用',
    'name_en': 'Exemption certificate used outside its scope',
    'attribution': 'officer (reviewer/releaser)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

heads as (
    select h.*
    from {{ ref('stg_raw__dec_head') }} as h
    inner join released as r on h.entry_id = r.entry_id
    where h.ie_flag = 'I' and h.manual_no like 'Z%'
),

certs as (
    select * from {{ ref('stg_raw__tax_exemption_cert') }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

reviews as (
    select
        entry_id,
        officer_id
    from {{ ref('int_entry_steps') }}
    where step_code = 'MANUAL_REVIEW' and end_ts is not null
),

breaches as (
    select
        heads.entry_id,
        heads.trade_co,
        certs.cert_no,
        certs.enterprise_code as cert_enterprise,
        array_agg(distinct items.code_ts order by items.code_ts) filter (
            where not (left(items.code_ts, 8) = any(certs.hs_scope))
        ) as out_of_scope_codes
    from heads
    inner join certs on heads.manual_no = certs.cert_no
    left join items on heads.entry_id = items.entry_id
    group by 1, 2, 3, 4
),

fired as (
    select
        breaches.entry_id as object_id,
        released.release_ts as event_ts,
        breaches.trade_co as enterprise_code,
        coalesce(reviews.officer_id, released.release_officer_id) as officer_id,
        jsonb_build_object(
            'cert_no', breaches.cert_no,
            'cert_enterprise', breaches.cert_enterprise,
            'trade_co', breaches.trade_co,
            'out_of_scope_codes', to_jsonb(breaches.out_of_scope_codes),
            'release_officer_id', released.release_officer_id,
            'review_officer_id', reviews.officer_id
        ) as evidence
    from breaches
    inner join released on breaches.entry_id = released.entry_id
    left join reviews on breaches.entry_id = reviews.entry_id
    where breaches.out_of_scope_codes is not null or breaches.trade_co <> breaches.cert_enterprise
)

{{ emit_alerts('fired', check) }}
