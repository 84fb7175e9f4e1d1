-- MW-003 关注商品前一日进出分析: for HS prefixes watched (user_watch scope HS, check_code NULL or MW-003): the items of
-- entries released on :biz_date whose code_ts starts with the prefix, per origin country — quantity, USD value,
-- USD unit price against the median unit price of the same prefix and origin over entries released in the
-- :baseline_days before :biz_date, the share of those entries inspected, and the officers who reviewed them
-- (MANUAL_REVIEW / DOC_REVIEW / ACCEPT). flagged when the unit price deviates from the median by >= :max_price_dev.
{%- set check = {
    'code': 'MW-003', 'module': 'my_watch', 'business_line': 'general',
    'category': 'info', 'severity': 'yellow', 'object_type': 'WATCH_ITEM',
    'name_zh': '关注商品前一日进出分析', 'name_en': 'Watched commodity: previous-day movements',
    'attribution': 'subordinate customs', 'params': {'baseline_days': 90, 'max_price_dev': 0.5},
} %}
{{ config(meta={'check': check}) }}

with watches as {{ watch_rows('HS', 'MW-003') }},

releases as (
    select * from {{ ref('int_entry_release') }}
    where
        release_date > {{ biz_date() }} - {{ check_param(check, 'baseline_days') }}
        and release_date <= {{ biz_date() }}
),

items as (
    select
        watches.watch_id,
        watches.scope_value as hs_prefix,
        releases.entry_id,
        releases.release_date,
        i.origin_country,
        i.g_qty,
        i.usd_value,
        i.usd_value / nullif(i.g_qty, 0) as usd_unit_price
    from watches
    inner join {{ ref('stg_raw__dec_item') }} as i on i.code_ts like watches.scope_value || '%'
    inner join releases on i.entry_id = releases.entry_id
),

baseline as (
    select
        watch_id,
        origin_country,
        percentile_cont(0.5) within group (order by usd_unit_price) as median_unit_price
    from items
    where release_date < {{ biz_date() }} and usd_unit_price is not null
    group by watch_id, origin_country
),

today as (
    select
        items.watch_id,
        items.origin_country,
        count(distinct items.entry_id) as n_entries,
        sum(items.g_qty) as qty,
        sum(items.usd_value) as usd_value,
        sum(items.usd_value) / nullif(sum(items.g_qty), 0) as usd_unit_price,
        array_agg(distinct items.entry_id) as entry_ids
    from items
    where items.release_date = {{ biz_date() }}
    group by items.watch_id, items.origin_country
),

inspected as (
    select
        today.watch_id,
        today.origin_country,
        count(distinct insp.entry_id) as n_inspected
    from today
    cross join lateral unnest(today.entry_ids) as e (entry_id)
    inner join {{ ref('stg_raw__inspection') }} as insp on e.entry_id = insp.entry_id
    group by today.watch_id, today.origin_country
),

reviewers as (
    select
        today.watch_id,
        today.origin_country,
        jsonb_agg(distinct w.officer_id) as officers
    from today
    cross join lateral unnest(today.entry_ids) as e (entry_id)
    inner join {{ ref('stg_raw__dec_workflow') }} as w on e.entry_id = w.entry_id
    where w.step_code in ('MANUAL_REVIEW', 'DOC_REVIEW', 'ACCEPT') and w.officer_id is not null
    group by today.watch_id, today.origin_country
),

rows_out as (
    select
        watches.watch_id,
        watches.user_name,
        watches.scope_type,
        watches.scope_value,
        watches.check_code as watched_check_code,
        'HS_ORIGIN' as item_type,
        watches.scope_value || '|' || coalesce(today.origin_country, '') as item_id,
        null::text as officer_id,
        null::text as enterprise_code,
        null::text as severity,
        coalesce(
            abs(today.usd_unit_price - baseline.median_unit_price) / nullif(baseline.median_unit_price, 0)
            >= {{ check_param(check, 'max_price_dev') }},
            false
        ) as flagged,
        jsonb_build_object(
            'origin_country', today.origin_country,
            'n_entries', today.n_entries,
            'qty', today.qty,
            'usd_value', today.usd_value,
            'usd_unit_price', round(today.usd_unit_price, 4),
            'median_unit_price', round(baseline.median_unit_price::numeric, 4),
            'inspection_share', round(coalesce(inspected.n_inspected, 0)::numeric / today.n_entries, 4),
            'reviewing_officers', coalesce(reviewers.officers, '[]'::jsonb)
        ) as metrics
    from watches
    inner join today on watches.watch_id = today.watch_id
    left join baseline on today.watch_id = baseline.watch_id and today.origin_country = baseline.origin_country
    left join inspected on today.watch_id = inspected.watch_id and today.origin_country = inspected.origin_country
    left join reviewers on today.watch_id = reviewers.watch_id and today.origin_country = reviewers.origin_country
)

{{ emit_watch('rows_out', check) }}
