-- EX-BND-003 区内外流转数量不符: a zone in/out declaration (trade_mode 5000/5100) declared on the business day that quotes
-- its counterpart (related_entry_id, also 5000/5100, declared within period_days before) where, for some code_ts, the
-- quantities differ by more than tol_pct of the counterpart's quantity (the counterpart, declared first, is taken as
-- the zone side). Charged to the MANUAL_REVIEW officer of the quoting entry (NULL when none).
{%- set check = {
    'code': 'EX-BND-003',
    'module': 'extension',
    'business_line': 'bonded_logistics',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY_PAIR',
    'name_zh': '区内外流转数量不符',
    'name_en': 'Zone in/out quantities do not match',
    'attribution': 'zone supervision section; reviewers',
    'params': {'period_days': 30, 'tol_pct': 0.01},
} %}
{{ config(meta={'check': check}) }}

with quoting as (
    select * from {{ ref('stg_raw__dec_head') }}
    where
        {{ local_date('declare_ts') }} = {{ biz_date() }}
        and trade_mode in ('5000', '5100')
        and related_entry_id is not null
),

pairs as (
    select
        q.entry_id as domestic_entry_id,
        z.entry_id as zone_entry_id,
        q.declare_ts,
        q.trade_co
    from quoting as q
    inner join {{ ref('stg_raw__dec_head') }} as z on q.related_entry_id = z.entry_id
    where
        z.trade_mode in ('5000', '5100')
        and {{ in_window(local_date('z.declare_ts'), check_param(check, 'period_days')) }}
),

items as (
    select
        entry_id,
        code_ts,
        sum(g_qty) as qty
    from {{ ref('stg_raw__dec_item') }}
    where
        entry_id in (
            select p1.domestic_entry_id from pairs as p1
            union all
            select p2.zone_entry_id from pairs as p2
        )
    group by 1, 2
),

codes as (
    select distinct
        p.domestic_entry_id,
        p.zone_entry_id,
        i.code_ts
    from pairs as p
    inner join items as i on i.entry_id in (p.domestic_entry_id, p.zone_entry_id)
),

compared as (
    select
        c.domestic_entry_id,
        c.zone_entry_id,
        c.code_ts,
        coalesce(z.qty, 0) as qty_zone,
        coalesce(d.qty, 0) as qty_domestic
    from codes as c
    left join items as z on c.zone_entry_id = z.entry_id and c.code_ts = z.code_ts
    left join items as d on c.domestic_entry_id = d.entry_id and c.code_ts = d.code_ts
),

breaches as (
    select
        domestic_entry_id,
        zone_entry_id,
        jsonb_agg(
            jsonb_build_object('code_ts', code_ts, 'qty_zone', qty_zone, 'qty_domestic', qty_domestic)
            order by code_ts
        ) as mismatches
    from compared
    where abs(qty_zone - qty_domestic) > {{ check_param(check, 'tol_pct') }} * qty_zone
    group by 1, 2
),

reviews as (
    select
        entry_id,
        officer_id
    from {{ ref('int_entry_steps') }}
    where step_code = 'MANUAL_REVIEW' and officer_id is not null
),

fired as (
    select
        p.declare_ts as event_ts,
        reviews.officer_id,
        p.trade_co as enterprise_code,
        b.domestic_entry_id || '|' || b.zone_entry_id as object_id,
        jsonb_build_object(
            'domestic_entry_id', b.domestic_entry_id,
            'zone_entry_id', b.zone_entry_id,
            'mismatches', b.mismatches,
            'tol_pct', {{ check_param(check, 'tol_pct') }}
        ) as evidence
    from breaches as b
    inner join pairs as p on b.domestic_entry_id = p.domestic_entry_id and b.zone_entry_id = p.zone_entry_id
    left join reviews on b.domestic_entry_id = reviews.entry_id
)

{{ emit_alerts('fired', check) }}
