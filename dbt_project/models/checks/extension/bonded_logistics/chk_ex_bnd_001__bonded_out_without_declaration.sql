-- EX-BND-001 保税仓库出库无报关单: a bonded-warehouse OUT movement on the business day with no covering entry, or whose
-- entry had not been released (no RELEASE step ended) by the movement time. For the bonded-supervision section:
-- no officer.
{%- set check = {
    'code': 'EX-BND-001',
    'module': 'extension',
    'business_line': 'bonded_logistics',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'BONDED_MOVEMENT',
    'name_zh': '保税仓库出库无报关单',
    'name_en': 'Bonded warehouse release without declaration',
    'attribution': 'bonded-supervision section',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with moves as (
    select * from {{ ref('stg_raw__bonded_stock_movement') }}
    where direction = 'OUT' and {{ local_date('move_ts') }} = {{ biz_date() }}
),

fired as (
    select
        m.movement_id::text as object_id,
        m.move_ts as event_ts,
        null::text as officer_id,
        m.enterprise_code,
        jsonb_build_object(
            'warehouse_code', m.warehouse_code,
            'entry_id', m.entry_id,
            'release_ts', r.release_ts,
            'code_ts', m.code_ts,
            'qty', m.qty,
            'reason', case
                when m.entry_id is null then 'no entry'
                when r.release_ts is null then 'entry not released'
                else 'released after the movement'
            end
        ) as evidence
    from moves as m
    left join {{ ref('int_entry_release') }} as r on m.entry_id = r.entry_id
    where m.entry_id is null or r.release_ts is null or r.release_ts > m.move_ts
)

{{ emit_alerts('fired', check) }}
