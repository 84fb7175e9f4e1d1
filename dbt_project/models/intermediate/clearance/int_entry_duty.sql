-- Per entry: customs value and duty/VAT/consumption totals over its items; dutiable(e) = the sum > 0.
with items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

totals as (
    select
        entry_id,
        count(*) as n_items,
        sum(cny_value) as customs_value_cny,
        sum(coalesce(duty_amount_cny, 0) + coalesce(vat_amount_cny, 0) + coalesce(consumption_amount_cny, 0))
            as tax_total_cny
    from items
    group by entry_id
),

flagged as (
    select
        *,
        tax_total_cny > 0 as is_dutiable
    from totals
)

select * from flagged
