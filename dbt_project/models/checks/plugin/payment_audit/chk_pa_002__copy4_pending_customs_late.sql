-- PA-002 缴款书滞留: a copy-1 claim left PENDING (滞留) by the month-end run of an audit month because copy 4 had not
-- arrived, while the customs VAT bill with that number had been paid more than :max_transmit_days before that month
-- ended: the pending is the customs side's late transmission. One alert per claim and audit month; no officer (the
-- subordinate customs' data-transmission unit is in the evidence).
{%- set check = {
    'code': 'PA-002',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'CERT_CLAIM_MONTH',
    'name_zh': '缴款书滞留',
    'name_en': 'Copy 1 pending (滞留) within retention window',
    'attribution': 'none (status only); customs data-transmission unit if copy4 late',
    'params': {'max_transmit_days': 5},
} %}
{{ config(meta={'check': check}) }}

with matches as (
    select * from {{ ref('int_pa_cert_match') }}
    where is_final and result = 'PENDING'
),

bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where tax_type = 'L' and status = 'PAID' and paid_ts is not null
),

copy4 as (
    select * from {{ ref('int_pa_cert_copy4') }}
),

late as (
    select
        matches.*,
        bills.tax_bill_no,
        bills.paid_ts,
        bills.entry_id,
        copy4.transmitted_ts as copy4_transmitted_ts,
        {{ end_of_day('matches.month_end') }} as run_ts
    from matches
    inner join bills on matches.cert_no = bills.tax_bill_no
    left join copy4 on matches.cert_no = copy4.cert_no
    where
        bills.paid_ts + interval '{{ check_param(check, "max_transmit_days") }} days'
        < {{ end_of_day('matches.month_end') }}
),

fired as (
    select
        paid_ts as event_ts,
        null::text as officer_id,
        payer_enterprise_code as enterprise_code,
        claim_key || '|' || to_char(audit_month, 'YYYY-MM') as object_id,
        jsonb_build_object(
            'cert_no', cert_no,
            'payer_uscc', payer_uscc,
            'audit_month', audit_month,
            'months_since_fill', months_since_fill,
            'window_months', window_months,
            'paid_ts', paid_ts,
            'copy4_transmitted_ts', copy4_transmitted_ts,
            'days_paid_to_month_end', round((extract(epoch from run_ts - paid_ts) / 86400.0)::numeric, 1),
            'max_transmit_days', {{ check_param(check, 'max_transmit_days') }},
            'customs_code', left(cert_no, 4)
        ) as evidence
    from late
)

{{ emit_alerts('fired', check) }}
