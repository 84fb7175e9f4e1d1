-- The tax side's own monthly results (vat_cert_match_result) with the number normalised (§4.2), the audit month
-- as its first day, the local result date and mismatch_fields as comma-separated text.
with results as (
    select * from {{ ref('stg_raw__vat_cert_match_result') }}
)

select
    {{ pa_cert_no('cert_no') }} as cert_no,
    payer_uscc,
    date_trunc('month', audit_month)::date as audit_month,
    result,
    array_to_string(mismatch_fields, ',') as mismatch_fields,
    generated_ts,
    {{ local_date('generated_ts') }} as result_date
from results
