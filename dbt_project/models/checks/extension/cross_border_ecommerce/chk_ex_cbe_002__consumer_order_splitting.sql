-- EX-CBE-002 同一消费者拆单: a consumer identity with >= min_orders inventories ordered on the business day (local
-- order date) across >= min_platforms e-commerce platforms (ebp_code). For the CBE section: no officer. The object is
-- the consumer and day.
{%- set check = {
    'code': 'EX-CBE-002',
    'module': 'extension',
    'business_line': 'cross_border_ecommerce',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'CONSUMER_DAY',
    'name_zh': '同一消费者拆单',
    'name_en': 'Order splitting by one consumer identity',
    'attribution': 'CBE section',
    'params': {'min_orders': 10, 'min_platforms': 2},
} %}
{{ config(meta={'check': check}) }}

with orders as (
    select * from {{ ref('stg_raw__ce_inventory') }}
    where {{ local_date('order_ts') }} = {{ biz_date() }}
),

per_consumer as (
    select
        consumer_id_hash,
        count(*) as orders_n,
        count(distinct ebp_code) as platforms_n,
        sum(amount_cny) as amount_cny,
        max(order_ts) as last_order_ts,
        min(ebc_code) as ebc_code
    from orders
    group by 1
),

fired as (
    select
        consumer_id_hash || '|' || {{ biz_date() }}::text as object_id,
        last_order_ts as event_ts,
        null::text as officer_id,
        ebc_code as enterprise_code,
        jsonb_build_object(
            'orders', orders_n,
            'platforms', platforms_n,
            'amount_cny', amount_cny,
            'min_orders', {{ check_param(check, 'min_orders') }},
            'min_platforms', {{ check_param(check, 'min_platforms') }}
        ) as evidence
    from per_consumer
    where
        orders_n >= {{ check_param(check, 'min_orders') }}
        and platforms_n >= {{ check_param(check, 'min_platforms') }}
)

{{ emit_alerts('fired', check) }}
