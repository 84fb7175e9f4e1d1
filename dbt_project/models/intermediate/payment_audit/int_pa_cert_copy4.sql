-- Copy 4 (第四联, customs data sent to the tax side) beside the customs truth: the VAT tax_bill with that number.
-- customs_error lists (comma-separated, '' when none; NULL without a bill) the fields where copy 4 differs
-- from the bill (amount, fill date, payer) or 'unpaid' when the
-- bill is not paid (PA-008); transmit_days is the delay from payment to transmission (PA-012).
with copy4 as (
    select * from {{ ref('stg_raw__vat_cert_copy4') }}
),

bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where tax_type = 'L'
),

joined as (
    select
        {{ pa_cert_no('copy4.cert_no') }} as cert_no,
        copy4.payer_uscc,
        copy4.fill_date,
        copy4.tax_amount,
        copy4.written_off_ts,
        copy4.transmitted_ts,
        copy4.customs_code,
        bills.tax_bill_no,
        bills.entry_id,
        bills.amount_cny as bill_amount_cny,
        bills.issue_ts as bill_issue_ts,
        {{ local_date('bills.issue_ts') }} as bill_fill_date,
        bills.payer_uscc as bill_payer_uscc,
        bills.paid_ts as bill_paid_ts,
        bills.status as bill_status,
        bills.issuing_officer_id,
        bills.cancel_officer_id,
        bills.cancel_ts
    from copy4
    left join bills on {{ pa_cert_no('copy4.cert_no') }} = bills.tax_bill_no
),

compared as (
    select
        joined.*,
        case
            when joined.tax_bill_no is null then null
            else concat_ws(
                ',',
                case when joined.tax_amount <> joined.bill_amount_cny then 'tax_amount' end,
                case when joined.fill_date <> joined.bill_fill_date then 'fill_date' end,
                case when joined.payer_uscc <> joined.bill_payer_uscc then 'payer_uscc' end,
                case when joined.bill_paid_ts is null then 'unpaid' end
            )
        end as customs_error,
        extract(epoch from joined.transmitted_ts - joined.bill_paid_ts) / 86400.0 as transmit_days
    from joined
)

select * from compared
