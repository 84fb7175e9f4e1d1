-- AP-HR-003 缴款书作废重开金额减少: a tax bill cancelled on the business day whose replacement bill
-- (replaced_by_bill_no) is for less than the cancelled amount × (1 − :min_drop(0.0)), or that had already been
-- paid when it was cancelled (with or without a replacement).
{%- set check = {
    'code': 'AP-HR-003',
    'module': 'auto_prompt',
    'business_line': 'high_risk_enforcement',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'TAX_BILL',
    'name_zh': '缴款书作废重开金额减少',
    'name_en': 'Tax bill cancelled and reissued for less',
    'attribution': 'officer = o.cancel_officer_id',
    'params': {'min_drop': 0.0},
} %}
{{ config(meta={'check': check}) }}

with tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

cancelled as (
    select * from tax_bills
    where status = 'CANCELLED' and {{ local_date('cancel_ts') }} = {{ biz_date() }}
),

with_replacement as (
    select
        cancelled.*,
        replacement.tax_bill_no as new_bill_no,
        replacement.amount_cny as new_amount_cny,
        replacement.status as new_status,
        replacement.issue_ts as new_issue_ts,
        replacement.amount_cny < cancelled.amount_cny * (1 - {{ check_param(check, 'min_drop') }})
            as reissued_for_less,
        cancelled.paid_ts is not null as cancelled_after_payment
    from cancelled
    left join tax_bills as replacement on cancelled.replaced_by_bill_no = replacement.tax_bill_no
),

breaches as (
    select * from with_replacement
    where reissued_for_less or cancelled_after_payment
),

fired as (
    select
        breaches.tax_bill_no as object_id,
        breaches.cancel_ts as event_ts,
        breaches.cancel_officer_id as officer_id,
        coalesce(declarations.trade_co, breaches.payer_code) as enterprise_code,
        jsonb_build_object(
            'entry_id', breaches.entry_id,
            'tax_type', breaches.tax_type,
            'amount_cny', breaches.amount_cny,
            'issue_ts', breaches.issue_ts,
            'paid_ts', breaches.paid_ts,
            'cancel_ts', breaches.cancel_ts,
            'new_bill_no', breaches.new_bill_no,
            'new_amount_cny', breaches.new_amount_cny,
            'new_status', breaches.new_status,
            'drop_cny', breaches.amount_cny - breaches.new_amount_cny,
            'reissued_for_less', coalesce(breaches.reissued_for_less, false),
            'cancelled_after_payment', breaches.cancelled_after_payment
        ) as evidence
    from breaches
    left join declarations on breaches.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
