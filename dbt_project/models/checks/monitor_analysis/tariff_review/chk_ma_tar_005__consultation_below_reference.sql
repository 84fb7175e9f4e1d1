-- MA-TAR-005 价格磋商结果低于价格参数: per officer over the window (biz_date - period_days, biz_date], the
-- consultations and valuation decisions (valuation_action CONSULT/DECISION) the officer closed whose final unit
-- price, converted from the item's currency to USD at the customs rates of the declaration month, is more than
-- under_pct below the reference price (same code and unit, the origin's own row before '*', valid at declaration).
-- One alert per officer; evidence: the count, the actions and the value gap in CNY (reference - final, times the
-- quantity, at the USD rate).
{%- set check = {
    'code': 'MA-TAR-005',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER',
    'name_zh': '价格磋商结果低于价格参数',
    'name_en': 'Consultation outcome below reference price',
    'attribution': 'officer = v.officer_id',
    'params': {'period_days': 30, 'under_pct': 0.2},
} %}
{{ config(meta={'check': check}) }}

with actions as (
    select * from {{ ref('stg_raw__valuation_action') }}
    where
        action_type in ('CONSULT', 'DECISION')
        and officer_id is not null
        and final_unit_price is not null
        and closed_ts is not null
        and {{ in_window(local_date('closed_ts'), check_param(check, 'period_days')) }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

price_references as (
    select * from {{ ref('stg_raw__price_reference') }}
),

exchange_rates as (
    select * from {{ ref('stg_raw__exchange_rate') }}
),

valued as (
    select
        actions.action_id,
        actions.entry_id,
        actions.g_no,
        actions.action_type,
        actions.officer_id,
        actions.closed_ts,
        actions.final_unit_price,
        items.code_ts,
        items.g_unit,
        items.g_qty,
        items.origin_country,
        items.trade_curr,
        declarations.trade_co,
        declarations.declare_ts,
        usd.rate_to_cny as usd_rate,
        actions.final_unit_price * coalesce(curr.rate_to_cny, usd.rate_to_cny) / usd.rate_to_cny
            as final_usd_unit_price
    from actions
    inner join items on actions.entry_id = items.entry_id and actions.g_no = items.g_no
    inner join declarations on actions.entry_id = declarations.entry_id
    inner join exchange_rates as usd
        on
            usd.curr_code = 'USD'
            and usd.rate_month = date_trunc('month', {{ local_date('declarations.declare_ts') }})::date
    left join exchange_rates as curr
        on
            coalesce(items.trade_curr, 'USD') = curr.curr_code
            and usd.rate_month = curr.rate_month
),

priced as (
    select distinct on (valued.action_id)
        valued.*,
        price_references.ref_unit_price_usd
    from valued
    inner join price_references
        on
            valued.code_ts = price_references.code_ts
            and valued.g_unit = price_references.unit
            and price_references.origin_country in (valued.origin_country, '*')
            and {{ local_date('valued.declare_ts') }} >= price_references.valid_from
            and {{ local_date('valued.declare_ts') }} <= coalesce(price_references.valid_to, date '9999-12-31')
    order by valued.action_id asc, (price_references.origin_country = '*') asc, price_references.valid_from desc
),

below as (
    select
        priced.*,
        (priced.ref_unit_price_usd - priced.final_usd_unit_price) * priced.g_qty * priced.usd_rate as gap_cny
    from priced
    where priced.final_usd_unit_price < priced.ref_unit_price_usd * (1 - {{ check_param(check, 'under_pct') }})
),

fired as (
    select
        officer_id,
        max(closed_ts) as event_ts,
        case when count(distinct trade_co) = 1 then min(trade_co) end as enterprise_code,
        officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', count(*),
            'value_gap_cny', round(sum(gap_cny), 2),
            'under_pct', {{ check_param(check, 'under_pct') }},
            'actions', jsonb_agg(
                jsonb_build_object(
                    'action_id', action_id,
                    'entry_id', entry_id,
                    'g_no', g_no,
                    'final_usd_unit_price', round(final_usd_unit_price, 4),
                    'ref_unit_price_usd', ref_unit_price_usd
                ) order by action_id
            )
        ) as evidence
    from below
    group by officer_id
)

{{ emit_alerts('fired', check) }}
