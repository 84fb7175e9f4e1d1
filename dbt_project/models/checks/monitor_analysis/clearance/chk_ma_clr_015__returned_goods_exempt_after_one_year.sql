-- MA-CLR-015 退运货物超一年仍免税: an import under trade mode 4561 (returned goods) released in the window
-- (biz_date - :period_days, biz_date] with every item duty-exempt (duty_mode '3'), whose original export (dec_head of
-- related_entry_id) left more than :years years before: local declare date > original ie_date + :years years.
{%- set check = {
    'code': 'MA-CLR-015',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '退运货物超一年仍免税',
    'name_en': 'Returned goods duty-free after the one-year limit',
    'attribution': 'officer = RELEASE officer (reviewer in evidence)',
    'params': {'period_days': 30, 'years': 1},
} %}
{{ config(meta={'check': check}) }}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where {{ in_window('release_date', check_param(check, 'period_days')) }}
),

returns as (
    select * from {{ ref('stg_raw__dec_head') }}
    where ie_flag = 'I' and trade_mode = '4561' and dec_status <> 'DELETED'
),

originals as (
    select * from {{ ref('stg_raw__dec_head') }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

exempt_returns as (
    select
        returns.entry_id,
        returns.trade_co,
        returns.declare_ts,
        returns.related_entry_id,
        releases.release_officer_id,
        releases.release_ts
    from returns
    inner join releases on returns.entry_id = releases.entry_id
    where
        exists (
            select 1 from items
            where items.entry_id = returns.entry_id
        )
        and not exists (
            select 1 from items
            where items.entry_id = returns.entry_id and items.duty_mode is distinct from '3'
        )
),

late as (
    select
        exempt_returns.*,
        originals.ie_date as original_ie_date,
        (originals.ie_date + interval '{{ check_param(check, 'years') }} years')::date as limit_date
    from exempt_returns
    inner join originals on exempt_returns.related_entry_id = originals.entry_id
    where
        {{ local_date('exempt_returns.declare_ts') }}
        > originals.ie_date + interval '{{ check_param(check, 'years') }} years'
),

fired as (
    select
        late.entry_id as object_id,
        late.release_ts as event_ts,
        late.release_officer_id as officer_id,
        late.trade_co as enterprise_code,
        jsonb_build_object(
            'related_entry_id', late.related_entry_id,
            'original_ie_date', late.original_ie_date,
            'limit_date', late.limit_date,
            'declare_ts', late.declare_ts,
            'release_ts', late.release_ts,
            'review_officer_id', reviews.officer_id
        ) as evidence
    from late
    left join steps as reviews on late.entry_id = reviews.entry_id and reviews.step_code = 'MANUAL_REVIEW'
)

{{ emit_alerts('fired', check) }}
