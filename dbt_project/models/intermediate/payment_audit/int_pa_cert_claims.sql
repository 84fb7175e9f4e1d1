-- Copy-1 claims (第一联) as the tax side holds them at the end of the business day: one row per collection
-- (cert_no, payer_uscc, collect_ts), the certificate number normalised (§4.2) and a readable claim key.
with copy1 as (
    select * from {{ ref('stg_raw__vat_cert_copy1') }}
    where collect_ts < {{ end_of_biz_date() }}
),

enterprises as (
    select distinct on (uscc)
        uscc,
        enterprise_code
    from {{ ref('stg_raw__enterprise') }}
    order by uscc asc, enterprise_code asc
),

claims as (
    select
        concat_ws(
            '|', {{ pa_cert_no('copy1.cert_no') }}, rtrim(copy1.payer_uscc),
            to_char(copy1.collect_ts at time zone '{{ var("timezone") }}', 'YYYYMMDDHH24MISS')
        ) as claim_key,
        {{ pa_cert_no('copy1.cert_no') }} as cert_no,
        copy1.cert_no as cert_no_raw,
        copy1.payer_uscc,
        copy1.payer_uscc_2,
        copy1.fill_date,
        copy1.tax_amount,
        copy1.collect_ts,
        {{ local_date('copy1.collect_ts') }} as collect_date,
        date_trunc('month', copy1.audit_month)::date as audit_month,
        copy1.source,
        coalesce(copy1.original_verified_correct, false) as original_verified_correct,
        enterprises.enterprise_code as payer_enterprise_code
    from copy1
    left join enterprises on copy1.payer_uscc = enterprises.uscc
)

select * from claims
