-- PA-012 海关数据原因异常率偏高: per issuing customs (first 4 characters of the number) and fill month, within the
-- last :lookback_months months: the VAT bills (paid, not cancelled) that entered the audit (a copy 4 or a copy-1
-- claim exists) number at least :min_n, and the share with a customs-caused exception exceeds :max_share. An
-- exception is copy 4 differing from the bill (PA-008), copy 4 transmitted more than :max_transmit_days after
-- payment, or a claimed bill whose copy 4 is still untransmitted that long after payment (PA-002/PA-003 causes).
-- Object: the customs and month, raised once; no officer (the subordinate customs answers).
{%- set check = {
    'code': 'PA-012',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CUSTOMS_MONTH',
    'name_zh': '海关数据原因异常率偏高',
    'name_en': 'High share of customs-caused audit exceptions',
    'attribution': 'subordinate customs; directly-affiliated customs',
    'params': {'max_transmit_days': 5, 'max_share': 0.01, 'min_n': 20, 'lookback_months': 3},
} %}
{{ config(meta={'check': check}) }}

with bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where
        tax_type = 'L'
        and status <> 'CANCELLED'
        and paid_ts is not null
        and {{ local_date('issue_ts') }} >= (
            date_trunc('month', {{ biz_date() }})
            - interval '{{ check_param(check, "lookback_months") - 1 }} months'
        )::date
),

copy4 as (
    select * from {{ ref('int_pa_cert_copy4') }}
),

claimed as (
    select distinct cert_no from {{ ref('int_pa_cert_claims') }}
),

audited as (
    select
        left(bills.tax_bill_no, 4) as customs_code,
        date_trunc('month', {{ local_date('bills.issue_ts') }})::date as fill_month,
        bills.tax_bill_no,
        bills.issue_ts,
        coalesce(copy4.customs_error <> '', false) as differs,
        coalesce(copy4.transmit_days > {{ check_param(check, 'max_transmit_days') }}, false) as transmitted_late,
        copy4.transmitted_ts is null
        and claimed.cert_no is not null
        and bills.paid_ts + interval '{{ check_param(check, "max_transmit_days") }} days' < {{ end_of_biz_date() }}
            as untransmitted
    from bills
    left join copy4 on bills.tax_bill_no = copy4.cert_no
    left join claimed on bills.tax_bill_no = claimed.cert_no
    where copy4.cert_no is not null or claimed.cert_no is not null
),

per_month as (
    select
        customs_code,
        fill_month,
        count(*) as n,
        count(*) filter (where differs or transmitted_late or untransmitted) as n_exceptions,
        count(*) filter (where differs) as n_differs,
        count(*) filter (where transmitted_late) as n_transmitted_late,
        count(*) filter (where untransmitted) as n_untransmitted,
        max(issue_ts) as last_issue_ts
    from audited
    group by customs_code, fill_month
),

fired as (
    select
        customs_code || '|' || to_char(fill_month, 'YYYY-MM') as object_id,
        last_issue_ts as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'customs_code', customs_code,
            'fill_month', fill_month,
            'n', n,
            'n_exceptions', n_exceptions,
            'n_differs', n_differs,
            'n_transmitted_late', n_transmitted_late,
            'n_untransmitted', n_untransmitted,
            'share', round(n_exceptions::numeric / n, 4),
            'max_share', {{ check_param(check, 'max_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from per_month
    where
        n >= {{ check_param(check, 'min_n') }}
        and n_exceptions::numeric / n > {{ check_param(check, 'max_share') }}
)

{{ emit_alerts('fired', check) }}
