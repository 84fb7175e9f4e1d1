-- PA-006 不符缺联逾期未申请核对: a MISMATCH or MISSING result of the tax side (vat_cert_match_result) generated at
-- least :warn_days days before the business day for which the taxpayer filed no recheck application (核对申请, same
-- number and taxpayer) within :recheck_days days of the result (an application still to come counts as none yet).
-- After day 180 the input VAT is not deductible. Charged to the issuing officer only when copy 4 differs from the
-- customs bill (a customs-caused mismatch); otherwise informational.
{%- set check = {
    'code': 'PA-006',
    'module': 'plugin',
    'business_line': 'payment_audit',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'CERT_RESULT',
    'name_zh': '不符缺联逾期未申请核对',
    'name_en': 'Mismatch/missing not rechecked within 180 days',
    'attribution': 'informational to taxpayer side; customs-caused mismatches escalate to the issuing unit',
    'params': {'recheck_days': 180, 'warn_days': 150},
} %}
{{ config(meta={'check': check}) }}

with results as (
    select * from {{ ref('int_pa_source_results') }}
    where result in ('MISMATCH', 'MISSING')
),

applies as (
    select
        {{ pa_cert_no('cert_no') }} as cert_no,
        payer_uscc,
        apply_ts
    from {{ ref('stg_raw__vat_cert_recheck_apply') }}
    where apply_ts < {{ end_of_biz_date() }}
),

copy4 as (
    select * from {{ ref('int_pa_cert_copy4') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

overdue as (
    select results.*
    from results
    where
        results.result_date + {{ check_param(check, 'warn_days') }} <= {{ biz_date() }}
        and not exists (
            select 1 from applies
            where
                applies.cert_no = results.cert_no
                and applies.payer_uscc = results.payer_uscc
                and {{ local_date('applies.apply_ts') }}
                <= results.result_date + {{ check_param(check, 'recheck_days') }}
        )
),

fired as (
    select
        overdue.cert_no || '|' || overdue.payer_uscc || '|' || to_char(overdue.audit_month, 'YYYY-MM') as object_id,
        case when copy4.customs_error <> '' then copy4.bill_issue_ts else overdue.generated_ts end
            as event_ts,
        case when copy4.customs_error <> '' then copy4.issuing_officer_id end as officer_id,
        (
            select min(e.enterprise_code) from enterprises as e
            where e.uscc = overdue.payer_uscc
        ) as enterprise_code,
        jsonb_build_object(
            'cert_no', overdue.cert_no,
            'payer_uscc', overdue.payer_uscc,
            'audit_month', overdue.audit_month,
            'result', overdue.result,
            'mismatch_fields', overdue.mismatch_fields,
            'result_date', overdue.result_date,
            'days_since_result', {{ biz_date() }} - overdue.result_date,
            'recheck_deadline', overdue.result_date + {{ check_param(check, 'recheck_days') }},
            'customs_error', copy4.customs_error
        ) as evidence
    from overdue
    left join copy4 on overdue.cert_no = copy4.cert_no
)

{{ emit_alerts('fired', check) }}
