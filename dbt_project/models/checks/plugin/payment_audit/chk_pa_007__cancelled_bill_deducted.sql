-- PA-007 已作废缴款书参与抵扣: a copy-1 claim cites a CANCELLED customs tax bill, or copy 4 was transmitted for a
-- cancelled bill. One alert per certificate number, charged to the officer who cancelled the bill; when copy 4 was
-- transmitted after the cancellation the data-owner unit answers instead (no officer, unit in the evidence).
{%- set check = {
    'code': 'PA-007',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'CERT',
    'name_zh': '已作废缴款书参与抵扣',
    'name_en': 'Cancelled tax bill used for deduction',
    'attribution': 'officer = t.cancel_officer_id (if copy4 was transmitted after cancellation: data owner unit)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with cancelled as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where status = 'CANCELLED'
),

claims as (
    select * from {{ ref('int_pa_cert_claims') }}
),

copy4 as (
    select * from {{ ref('int_pa_cert_copy4') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

used as (
    select
        cancelled.*,
        copy4.transmitted_ts as copy4_transmitted_ts,
        (
            select array_agg(distinct c.payer_uscc::text) from claims as c
            where c.cert_no = cancelled.tax_bill_no)
            as claimants,
        coalesce(copy4.transmitted_ts > cancelled.cancel_ts, false) as transmitted_after_cancel
    from cancelled
    left join copy4 on cancelled.tax_bill_no = copy4.cert_no
    where
        copy4.cert_no is not null
        or exists (
            select 1 from claims as c
            where c.cert_no = cancelled.tax_bill_no
        )
),

fired as (
    select
        used.tax_bill_no as object_id,
        used.cancel_ts as event_ts,
        declarations.trade_co as enterprise_code,
        case when not used.transmitted_after_cancel then used.cancel_officer_id end as officer_id,
        jsonb_build_object(
            'cert_no', used.tax_bill_no,
            'amount_cny', used.amount_cny,
            'cancel_ts', used.cancel_ts,
            'cancel_officer_id', used.cancel_officer_id,
            'replaced_by_bill_no', used.replaced_by_bill_no,
            'claimants', used.claimants,
            'copy4_transmitted_ts', used.copy4_transmitted_ts,
            'transmitted_after_cancel', used.transmitted_after_cancel,
            'customs_code', declarations.declare_customs_code
        ) as evidence
    from used
    left join declarations on used.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
