-- Monthly audit summary per taxpayer: claims and amounts by result, how many results are final (month ended),
-- recheck deadlines open or expired, and how often the recomputed result differs from the tax side's.
with matches as (
    select * from {{ ref('fct_payment_cert_match') }}
)

select
    audit_month,
    payer_uscc,
    max(payer_enterprise_code) as payer_enterprise_code,
    bool_and(is_final) as is_final,
    count(*) as n_claims,
    sum(tax_amount) as tax_amount,
    count(*) filter (where result = 'MATCH') as n_match,
    sum(tax_amount) filter (where result = 'MATCH') as match_amount,
    count(*) filter (where result = 'MISMATCH') as n_mismatch,
    count(*) filter (where result = 'MISSING') as n_missing,
    count(*) filter (where result = 'DUPLICATE') as n_duplicate,
    count(*) filter (where result = 'PENDING') as n_pending,
    count(*) filter (where result = 'HISTORICAL_MATCH') as n_historical_match,
    count(*) filter (where recheck_status = 'OPEN') as n_recheck_open,
    count(*) filter (where recheck_status = 'EXPIRED') as n_recheck_expired,
    sum(tax_amount) filter (where recheck_status = 'EXPIRED') as non_deductible_amount,
    count(*) filter (where agrees_with_source = false) as n_differs_from_source,
    max(as_of_date) as as_of_date
from matches
group by audit_month, payer_uscc
