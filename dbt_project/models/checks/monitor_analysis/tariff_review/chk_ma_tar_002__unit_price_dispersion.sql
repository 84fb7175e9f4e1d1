-- MA-TAR-002 同企业同商品价格离散度异常: over the window (biz_date - period_days, biz_date], the released
-- import items of one (enterprise, code_ts, origin, unit) come from at least min_n declarations (lots) and their USD
-- unit prices have a coefficient of variation (sample stddev / mean over the items) above max_cv. Fires once per
-- (charged officer, group) for the officer who passed lots priced below median * (1 - low_pct): the manual
-- reviewer, else the release officer.
{%- set check = {
    'code': 'MA-TAR-002',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'OFFICER_ENTERPRISE_GOODS',
    'name_zh': '同企业同商品价格离散度异常',
    'name_en': 'Unit-price dispersion within the same enterprise and product',
    'attribution': 'officers who passed the low-priced lots',
    'params': {'period_days': 30, 'min_n': 5, 'max_cv': 0.5, 'low_pct': 0.3},
} %}
{{ config(meta={'check': check}) }}

with lots as (
    select * from {{ ref('int_ma_tar_a_released_items') }}
    where
        ie_flag = 'I'
        and usd_unit_price is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

dispersed as (
    select
        trade_co,
        code_ts,
        origin_country,
        g_unit,
        count(distinct entry_id) as n,
        count(*) as n_items,
        avg(usd_unit_price) as mean_price,
        stddev_samp(usd_unit_price) / nullif(avg(usd_unit_price), 0) as cv,
        percentile_cont(0.5) within group (order by usd_unit_price) as median_price
    from lots
    group by trade_co, code_ts, origin_country, g_unit
    having
        count(distinct entry_id) >= {{ check_param(check, 'min_n') }}
        and stddev_samp(usd_unit_price) / nullif(avg(usd_unit_price), 0) > {{ check_param(check, 'max_cv') }}
),

low_lots as (
    select
        lots.*,
        dispersed.n,
        dispersed.cv,
        dispersed.median_price
    from lots
    inner join dispersed
        on
            lots.trade_co = dispersed.trade_co
            and lots.code_ts = dispersed.code_ts
            and lots.origin_country = dispersed.origin_country
            and lots.g_unit = dispersed.g_unit
    where lots.usd_unit_price < dispersed.median_price * (1 - {{ check_param(check, 'low_pct') }})
),

fired as (
    select
        charged_officer_id as officer_id,
        trade_co as enterprise_code,
        max(end_ts) as event_ts,
        concat_ws('|', charged_officer_id, trade_co, code_ts, origin_country, g_unit) as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'code_ts', code_ts,
            'origin_country', origin_country,
            'unit', g_unit,
            'n', max(n),
            'cv', round(max(cv)::numeric, 4),
            'max_cv', {{ check_param(check, 'max_cv') }},
            'median_usd_unit_price', round(max(median_price)::numeric, 4),
            'low_pct', {{ check_param(check, 'low_pct') }},
            'n_low_lots', count(*),
            'low_lots', jsonb_agg(
                jsonb_build_object(
                    'entry_id', entry_id, 'g_no', g_no, 'usd_unit_price', round(usd_unit_price, 4)
                ) order by entry_id, g_no
            )
        ) as evidence
    from low_lots
    group by charged_officer_id, trade_co, code_ts, origin_country, g_unit
)

{{ emit_alerts('fired', check) }}
