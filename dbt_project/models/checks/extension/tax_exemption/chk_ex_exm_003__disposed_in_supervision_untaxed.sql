-- EX-EXM-003 监管期内减免税货物擅自处置未补税: an exempted item (exempt_goods_supervision) transferred, sold, leased or
-- mortgaged before its supervision period ended, without approval or without any tax paid, when the disposal
-- happened on the business day or was recorded (last_update_ts) on it. Section-level: the source records no
-- officer for the disposal, so the alert carries no officer; the certificate's approver is in evidence.
{%- set check = {
    'code': 'EX-EXM-003',
    'module': 'extension',
    'business_line': 'tax_exemption',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'EXEMPT_GOODS',
    'name_zh': '监管期内减免税货物擅自处置未补税',
    'name_en': 'Exempted goods disposed within supervision period without tax',
    'attribution': 'exemption section; officer who recorded the disposal',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with supervision as (
    select * from {{ ref('stg_raw__exempt_goods_supervision') }}
    where
        disposal_type in ('TRANSFER', 'DOMESTIC_SALE', 'LEASE', 'MORTGAGE')
        and disposal_ts is not null
        and {{ local_date('disposal_ts') }} < supervise_until
        and (not disposal_approved or coalesce(tax_paid_cny, 0) = 0)
        and (
            {{ local_date('disposal_ts') }} = {{ biz_date() }}
            or {{ local_date('last_update_ts') }} = {{ biz_date() }}
        )
),

certs as (
    select * from {{ ref('stg_raw__tax_exemption_cert') }}
),

fired as (
    select
        s.disposal_ts as event_ts,
        null::text as officer_id,
        certs.enterprise_code,
        s.entry_id || '|' || s.g_no as object_id,
        jsonb_build_object(
            'entry_id', s.entry_id,
            'g_no', s.g_no,
            'cert_no', s.cert_no,
            'disposal_type', s.disposal_type,
            'disposal_ts', s.disposal_ts,
            'supervise_until', s.supervise_until,
            'disposal_approved', s.disposal_approved,
            'tax_paid_cny', s.tax_paid_cny,
            'cert_approve_officer_id', certs.approve_officer_id
        ) as evidence
    from supervision as s
    left join certs on s.cert_no = certs.cert_no
)

{{ emit_alerts('fired', check) }}
