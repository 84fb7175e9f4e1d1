-- EX-BND-002 保税仓储超期: an IN lot of a bonded warehouse with quantity still in stock at the end of the business day
-- (IN qty minus the OUT movements drawing on it up to then) stored longer than `months` months (local IN date +
-- months < biz_date) with no extension running (extension_until NULL or before biz_date). For the bonded-supervision
-- section: no officer. The object is the lot, raised once (fct_alert keeps the first day).
{%- set check = {
    'code': 'EX-BND-002',
    'module': 'extension',
    'business_line': 'bonded_logistics',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'BONDED_LOT',
    'name_zh': '保税仓储超期',
    'name_en': 'Bonded storage beyond one year',
    'attribution': 'bonded-supervision section',
    'params': {'months': 12},
} %}
{{ config(meta={'check': check}) }}

with moves as (
    select * from {{ ref('stg_raw__bonded_stock_movement') }}
    where move_ts <= {{ end_of_biz_date() }}
),

lots as (
    select * from moves
    where
        direction = 'IN'
        and {{ local_date('move_ts') }} + interval '{{ check_param(check, "months") }} months' < {{ biz_date() }}
        and (extension_until is null or extension_until < {{ biz_date() }})
),

drawn as (
    select
        in_lot_id,
        sum(qty) as qty_out
    from moves
    where direction = 'OUT' and in_lot_id in (select l.movement_id from lots as l)
    group by 1
),

fired as (
    select
        l.movement_id::text as object_id,
        l.move_ts as event_ts,
        null::text as officer_id,
        l.enterprise_code,
        jsonb_build_object(
            'warehouse_code', l.warehouse_code,
            'code_ts', l.code_ts,
            'qty_in', l.qty,
            'qty_out', coalesce(d.qty_out, 0),
            'remaining', l.qty - coalesce(d.qty_out, 0),
            'in_date', {{ local_date('l.move_ts') }},
            'extension_until', l.extension_until
        ) as evidence
    from lots as l
    left join drawn as d on l.movement_id = d.in_lot_id
    where l.qty - coalesce(d.qty_out, 0) > 0
)

{{ emit_alerts('fired', check) }}
