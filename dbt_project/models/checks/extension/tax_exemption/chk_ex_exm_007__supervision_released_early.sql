-- EX-EXM-007 提前解除监管: an exempted item released from supervision on the business day, before its supervise_until
-- date, with no tax paid. Charged to the releasing officer.
{%- set check = {
    'code': 'EX-EXM-007',
    'module': 'extension',
    'business_line': 'tax_exemption',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'EXEMPT_GOODS',
    'name_zh': '提前解除监管',
    'name_en': 'Supervision released before the period ends',
    'attribution': 'officer = s.release_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with supervision as (
    select * from {{ ref('stg_raw__exempt_goods_supervision') }}
    where
        release_from_supervision_ts is not null
        and {{ local_date('release_from_supervision_ts') }} = {{ biz_date() }}
        and {{ local_date('release_from_supervision_ts') }} < supervise_until
        and coalesce(tax_paid_cny, 0) = 0
),

certs as (
    select * from {{ ref('stg_raw__tax_exemption_cert') }}
),

fired as (
    select
        s.entry_id || '|' || s.g_no as object_id,
        s.release_from_supervision_ts as event_ts,
        s.release_officer_id as officer_id,
        certs.enterprise_code,
        jsonb_build_object(
            'entry_id', s.entry_id,
            'g_no', s.g_no,
            'cert_no', s.cert_no,
            'supervise_until', s.supervise_until,
            'days_early', s.supervise_until - {{ local_date('s.release_from_supervision_ts') }},
            'tax_paid_cny', s.tax_paid_cny
        ) as evidence
    from supervision as s
    left join certs on s.cert_no = certs.cert_no
)

{{ emit_alerts('fired', check) }}
