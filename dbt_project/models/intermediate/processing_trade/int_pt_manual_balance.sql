-- Per manual, the USD value of its released entries by trade-mode group (source_model.md §13: imports(m), exports(m),
-- transfers_out(m), re_exports(m), domestic_sales(m), abandoned(m)), from trade_mode_codes.analytic_category:
-- imports = PT_MAIN, PT_DEEP_TRANSFER and PT_LEFTOVER_TRANSFER entered under m as imports; exports = PT_MAIN exports;
-- transfers out = PT_DEEP_TRANSFER exports under m plus leftover transfers that name m as related_manual_no (or are
-- declared as exports under m); re-exports = PT_RE_EXPORT; domestic sales = PT_DOMESTIC_SALE;
-- abandoned = PT_ABANDON_OR_DESTROY. Exchanges (PT_EXCHANGE) and equipment count in none.
with entries as (
    select * from {{ ref('int_pt_entries') }}
    where is_released
),

by_manual as (
    select
        manual_no,
        ie_flag,
        analytic_category,
        usd_value,
        false as is_leftover_out
    from entries
    where manual_no is not null
    union all
    select
        related_manual_no as manual_no,
        ie_flag,
        analytic_category,
        usd_value,
        true as is_leftover_out
    from entries
    where related_manual_no is not null and analytic_category = 'PT_LEFTOVER_TRANSFER' and ie_flag = 'I'
),

grouped as (
    select
        manual_no,
        usd_value,
        case
            when is_leftover_out then 'transfers_out'
            when ie_flag = 'I' and analytic_category in ('PT_MAIN', 'PT_DEEP_TRANSFER', 'PT_LEFTOVER_TRANSFER')
                then 'imports'
            when ie_flag = 'E' and analytic_category = 'PT_MAIN' then 'exports'
            when ie_flag = 'E' and analytic_category in ('PT_DEEP_TRANSFER', 'PT_LEFTOVER_TRANSFER')
                then 'transfers_out'
            when analytic_category = 'PT_RE_EXPORT' then 're_exports'
            when analytic_category = 'PT_DOMESTIC_SALE' then 'domestic_sales'
            when analytic_category = 'PT_ABANDON_OR_DESTROY' then 'abandoned'
        end as balance_group
    from by_manual
),

balances as (
    select
        manual_no,
        coalesce(sum(usd_value) filter (where balance_group = 'imports'), 0) as imports_usd,
        coalesce(sum(usd_value) filter (where balance_group = 'exports'), 0) as exports_usd,
        coalesce(sum(usd_value) filter (where balance_group = 'transfers_out'), 0) as transfers_out_usd,
        coalesce(sum(usd_value) filter (where balance_group = 're_exports'), 0) as re_exports_usd,
        coalesce(sum(usd_value) filter (where balance_group = 'domestic_sales'), 0) as domestic_sales_usd,
        coalesce(sum(usd_value) filter (where balance_group = 'abandoned'), 0) as abandoned_usd
    from grouped
    group by manual_no
)

select * from balances
