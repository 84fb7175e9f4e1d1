-- MA-PT-009 边角料内销价格偏低: an item of a scrap domestic sale (trade mode 0844 or 0845) declared in the window
-- (biz_date - period_days, biz_date] whose USD unit price (usd_value / g_qty) is below low × the median USD unit
-- price of the same code_ts over all PT declaration items of all enterprises in the window, when that median rests on
-- at least min_n items. One alert per scrap entry (its low items in the evidence), charged to its reviewer.
{%- set check = {
    'code': 'MA-PT-009',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '边角料内销价格偏低',
    'name_en': 'Scrap sold domestically at low declared price',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 90, 'low': 0.5, 'min_n': 5},
} %}
{{ config(meta={'check': check}) }}

with pt_items as (
    select * from {{ ref('int_roll_ma_pt_items_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }} and usd_unit_price is not null
),

medians as (
    select
        code_ts,
        count(*) as n_items,
        count(distinct trade_co) as n_enterprises,
        percentile_cont(0.5) within group (order by usd_unit_price) as median_price
    from pt_items
    group by code_ts
    having count(*) >= {{ check_param(check, 'min_n') }}
),

low_items as (
    select
        pt_items.*,
        medians.median_price,
        medians.n_items,
        medians.n_enterprises
    from pt_items
    inner join medians on pt_items.code_ts = medians.code_ts
    where
        pt_items.trade_mode in {{ pt_scrap_sale_modes() }}
        and pt_items.usd_unit_price < {{ check_param(check, 'low') }} * medians.median_price
),

fired as (
    select
        entry_id as object_id,
        min(declare_ts) as event_ts,
        min(reviewer_officer_id) as officer_id,
        min(trade_co) as enterprise_code,
        jsonb_build_object(
            'manual_no', min(manual_no),
            'trade_mode', min(trade_mode),
            'low', {{ check_param(check, 'low') }},
            'items', jsonb_agg(
                jsonb_build_object(
                    'g_no', g_no,
                    'code_ts', code_ts,
                    'usd_unit_price', round(usd_unit_price, 4),
                    'median_usd_unit_price', round(median_price::numeric, 4),
                    'ratio', round(usd_unit_price / nullif(median_price::numeric, 0), 4),
                    'n', n_items,
                    'n_enterprises', n_enterprises
                )
                order by g_no
            )
        ) as evidence
    from low_items
    group by entry_id
)

{{ emit_alerts('fired', check) }}
