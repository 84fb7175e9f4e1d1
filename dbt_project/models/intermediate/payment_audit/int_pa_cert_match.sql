{{ config(materialized='table') }}
-- The matching of domain_notes.md §4.3, recomputed from copy 1, copy 4 and the tax side's own results: one row per
-- copy-1 claim and audit month M (稽核月份) it was in matching, from the claim's audit month until its first final
-- result (a PENDING claim re-enters every month by itself) or the business day's month.
--   * As of the end of M (month-end run; for the current month the end of the business day, is_final = false):
--     only copy-4 rows transmitted and claims collected before that moment count.
--   * HISTORICAL_MATCH: the same taxpayer's earlier claim of the number matched in an earlier month (here or in
--     vat_cert_match_result); DUPLICATE: two or more taxpayers claim the number (a claim's own declared second payer
--     does not count) and one claim equals copy 4; else copy 4 present: MATCH when payer (either payer of a
--     double-payer certificate), fill date and amount are equal, MISMATCH with mismatch_fields otherwise; else
--     PENDING while k = months(fill month → M) < the window (2 months; 6 for a recheck that found the original
--     collected correctly), MISSING after it. A re-collected claim (source RECHECK) counts k from its own fill date,
--     the certificate's original one, with the normal window.
--   * The 180-day recheck limit (§4.4) on final MISMATCH/MISSING: deadline = result date (the tax side's
--     generated_ts, else the last day of M) + recheck_days; the taxpayer's first application on or after the start
--     of M decides APPLIED_IN_TIME (up to day 180 inclusive) / APPLIED_LATE; without one OPEN, then EXPIRED.
with claims as (
    select * from {{ ref('int_pa_cert_claims') }}
),

copy4 as (
    select * from {{ ref('int_pa_cert_copy4') }}
),

source_results as (
    select * from {{ ref('int_pa_source_results') }}
),

applies as (
    select
        {{ pa_cert_no('cert_no') }} as cert_no,
        payer_uscc,
        {{ local_date('apply_ts') }} as apply_date
    from {{ ref('stg_raw__vat_cert_recheck_apply') }}
    where apply_ts < {{ end_of_biz_date() }}
),

claim_months as (
    select
        c.claim_key,
        c.cert_no,
        c.cert_no_raw,
        c.payer_uscc,
        c.payer_uscc_2,
        c.payer_enterprise_code,
        c.fill_date,
        c.tax_amount,
        c.collect_ts,
        c.source,
        c.original_verified_correct,
        c.audit_month as claim_audit_month,
        m.month_start::date as audit_month,
        {{ pa_month_end('m.month_start::date') }} as month_end,
        least({{ end_of_day(pa_month_end('m.month_start::date')) }}, {{ end_of_biz_date() }}) as cutoff_ts,
        {{ pa_month_end('m.month_start::date') }} <= {{ biz_date() }} as is_final
    from claims as c
    cross join lateral generate_series(
        c.audit_month::timestamp, date_trunc('month', {{ biz_date() }}::timestamp), interval '1 month'
    ) as m (month_start)
),

runs as (
    select distinct
        cert_no,
        audit_month,
        cutoff_ts
    from claim_months
),

duplicates as (
    select distinct
        runs.cert_no,
        runs.audit_month
    from runs
    inner join claims as x on runs.cert_no = x.cert_no and runs.cutoff_ts > x.collect_ts
    inner join claims as y
        on
            runs.cert_no = y.cert_no
            and runs.cutoff_ts > y.collect_ts
            and x.payer_uscc < y.payer_uscc
            and coalesce(x.payer_uscc_2, '') <> y.payer_uscc
            and coalesce(y.payer_uscc_2, '') <> x.payer_uscc
    where exists (
        select 1
        from claims as z
        inner join copy4 on z.cert_no = copy4.cert_no
        where
            z.cert_no = runs.cert_no
            and z.collect_ts < runs.cutoff_ts
            and copy4.transmitted_ts < runs.cutoff_ts
            and copy4.payer_uscc in (z.payer_uscc, coalesce(z.payer_uscc_2, z.payer_uscc))
            and z.fill_date = copy4.fill_date
            and z.tax_amount = copy4.tax_amount
    )
),

with_copy4 as (
    select
        cm.*,
        copy4.payer_uscc as c4_payer_uscc,
        copy4.fill_date as c4_fill_date,
        copy4.tax_amount as c4_tax_amount,
        copy4.transmitted_ts as c4_transmitted_ts,
        copy4.customs_code as c4_customs_code,
        copy4.customs_error as c4_customs_error,
        duplicates.cert_no is not null as is_duplicate,
        {{ pa_months_between('cm.fill_date', 'cm.audit_month') }} as months_since_fill,
        case
            when cm.original_verified_correct then {{ pa_param('retention_months_rechecked') }}
            else {{ pa_param('retention_months') }}
        end as window_months
    from claim_months as cm
    left join copy4 on cm.cert_no = copy4.cert_no and cm.cutoff_ts > copy4.transmitted_ts
    left join duplicates on cm.cert_no = duplicates.cert_no and cm.audit_month = duplicates.audit_month
),

based as (
    select
        with_copy4.*,
        case
            when with_copy4.c4_payer_uscc is null then null
            else concat_ws(
                ',',
                case
                    when
                        with_copy4.c4_payer_uscc not in (
                            with_copy4.payer_uscc, coalesce(with_copy4.payer_uscc_2, with_copy4.payer_uscc)
                        )
                        then 'payer_uscc'
                end,
                case when with_copy4.fill_date <> with_copy4.c4_fill_date then 'fill_date' end,
                case when with_copy4.tax_amount <> with_copy4.c4_tax_amount then 'tax_amount' end
            )
        end as mismatch_fields
    from with_copy4
),

base_results as (
    select
        based.*,
        case
            when based.is_duplicate then 'DUPLICATE'
            when based.c4_payer_uscc is not null and based.mismatch_fields = '' then 'MATCH'
            when based.c4_payer_uscc is not null then 'MISMATCH'
            when based.months_since_fill < based.window_months then 'PENDING'
            else 'MISSING'
        end as base_result
    from based
),

first_base as (
    select distinct on (claim_key)
        claim_key,
        cert_no,
        payer_uscc,
        collect_ts,
        audit_month,
        base_result
    from base_results
    where base_result <> 'PENDING'
    order by claim_key asc, audit_month asc
),

results as (
    select
        b.*,
        case
            when
                exists (
                    select 1 from first_base as o
                    where
                        o.cert_no = b.cert_no
                        and o.payer_uscc = b.payer_uscc
                        and o.claim_key <> b.claim_key
                        and o.collect_ts < b.collect_ts
                        and o.base_result = 'MATCH'
                        and o.audit_month < b.audit_month
                )
                or exists (
                    select 1 from source_results as s
                    where
                        s.cert_no = b.cert_no
                        and s.payer_uscc = b.payer_uscc
                        and s.result = 'MATCH'
                        and s.audit_month < b.audit_month
                )
                then 'HISTORICAL_MATCH'
            else b.base_result
        end as result
    from base_results as b
),

final_month as (
    select
        claim_key,
        min(audit_month) as final_month
    from results
    where result <> 'PENDING'
    group by claim_key
),

kept as (
    select results.*
    from results
    left join final_month on results.claim_key = final_month.claim_key
    where final_month.final_month is null or results.audit_month <= final_month.final_month
),

with_source as (
    select
        kept.*,
        s.result as source_result,
        s.generated_ts as source_generated_ts,
        coalesce({{ local_date('s.generated_ts') }}, kept.month_end) as result_date
    from kept
    left join source_results as s
        on kept.cert_no = s.cert_no and kept.payer_uscc = s.payer_uscc and kept.audit_month = s.audit_month
),

with_recheck as (
    select
        w.*,
        case
            when w.is_final and w.result in ('MISMATCH', 'MISSING')
                then w.result_date + {{ pa_param('recheck_days') }}
        end as recheck_deadline,
        (
            select min(a.apply_date) from applies as a
            where a.cert_no = w.cert_no and a.payer_uscc = w.payer_uscc and a.apply_date >= w.audit_month
        ) as first_apply_date
    from with_source as w
)

select
    claim_key,
    cert_no,
    cert_no_raw,
    payer_uscc,
    payer_uscc_2,
    payer_enterprise_code,
    fill_date,
    tax_amount,
    collect_ts,
    source,
    original_verified_correct,
    claim_audit_month,
    audit_month,
    month_end,
    is_final,
    months_since_fill,
    window_months,
    result,
    mismatch_fields,
    c4_payer_uscc,
    c4_fill_date,
    c4_tax_amount,
    c4_transmitted_ts,
    c4_customs_code,
    c4_customs_error,
    source_result,
    source_generated_ts,
    result_date,
    recheck_deadline,
    case when source_result is not null then source_result = result end as agrees_with_source,
    case when recheck_deadline is not null then first_apply_date end as first_apply_date,
    case
        when recheck_deadline is null then null
        when first_apply_date <= recheck_deadline then 'APPLIED_IN_TIME'
        when first_apply_date is not null then 'APPLIED_LATE'
        when {{ biz_date() }} <= recheck_deadline then 'OPEN'
        else 'EXPIRED'
    end as recheck_status
from with_recheck
