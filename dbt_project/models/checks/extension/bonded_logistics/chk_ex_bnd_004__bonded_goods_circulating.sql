-- EX-BND-004 保税货物循环流转: a bonded transfer (trade_mode 1200) declared on the business day moving goods from site A
-- (trade_co) to site B (owner_code) that mirrors a 1200 transfer from B to A declared within the `days` days before,
-- with an item of the same code_ts and quantity. For the bonded-supervision section: no officer.
{%- set check = {
    'code': 'EX-BND-004',
    'module': 'extension',
    'business_line': 'bonded_logistics',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY_PAIR',
    'name_zh': '保税货物循环流转',
    'name_en': 'Bonded goods circulating between sites',
    'attribution': 'bonded-supervision section',
    'params': {'period_days': 30, 'days': 30},
} %}
{{ config(meta={'check': check}) }}

with transfers as (
    select
        entry_id,
        trade_co,
        owner_code,
        declare_ts
    from {{ ref('stg_raw__dec_head') }}
    where
        trade_mode = '1200'
        and trade_co <> owner_code
        and {{ in_window(local_date('declare_ts'), check_param(check, 'period_days')) }}
),

todays as (
    select * from transfers
    where {{ local_date('declare_ts') }} = {{ biz_date() }}
),

items as (
    select
        i.entry_id,
        i.code_ts,
        i.g_qty
    from {{ ref('stg_raw__dec_item') }} as i
    where i.entry_id in (select t.entry_id from transfers as t)
),

mirrors as (
    select distinct on (t.entry_id)
        t.entry_id,
        b.entry_id as back_entry_id,
        t.trade_co,
        t.owner_code,
        t.declare_ts,
        b.declare_ts as back_declare_ts,
        ti.code_ts,
        ti.g_qty
    from todays as t
    inner join transfers as b
        on
            t.owner_code = b.trade_co
            and t.trade_co = b.owner_code
            and t.declare_ts > b.declare_ts
            and b.declare_ts >= t.declare_ts - interval '{{ check_param(check, "days") }} days'
    inner join items as ti on t.entry_id = ti.entry_id
    inner join items as bi on b.entry_id = bi.entry_id and ti.code_ts = bi.code_ts and ti.g_qty = bi.g_qty
    order by t.entry_id asc, b.declare_ts desc
),

fired as (
    select
        declare_ts as event_ts,
        null::text as officer_id,
        trade_co as enterprise_code,
        entry_id || '|' || back_entry_id as object_id,
        jsonb_build_object(
            'site_a', trade_co,
            'site_b', owner_code,
            'entry_id', entry_id,
            'mirror_entry_id', back_entry_id,
            'mirror_declare_ts', back_declare_ts,
            'code_ts', code_ts,
            'qty', g_qty
        ) as evidence
    from mirrors
)

{{ emit_alerts('fired', check) }}
