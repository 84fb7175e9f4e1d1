-- MA-CLR-016 无代价抵偿超三年: an entry under trade mode 3100 (free replacement) released in the window
-- (biz_date - :period_days, biz_date] without an original entry (related_entry_id NULL), or whose original (dec_head
-- of related_entry_id) was imported/exported more than :years years before: local declare date > ie_date + :years y.
{%- set check = {
    'code': 'MA-CLR-016',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '无代价抵偿超三年',
    'name_en': 'Free replacement beyond three years',
    'attribution': 'officer = RELEASE officer (reviewer in evidence)',
    'params': {'period_days': 30, 'years': 3},
} %}
{{ config(meta={'check': check}) }}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where {{ in_window('release_date', check_param(check, 'period_days')) }}
),

replacements as (
    select * from {{ ref('stg_raw__dec_head') }}
    where trade_mode = '3100' and dec_status <> 'DELETED'
),

originals as (
    select * from {{ ref('stg_raw__dec_head') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

late as (
    select
        replacements.entry_id,
        replacements.trade_co,
        replacements.declare_ts,
        replacements.related_entry_id,
        releases.release_officer_id,
        releases.release_ts,
        originals.ie_date as original_ie_date,
        (originals.ie_date + interval '{{ check_param(check, 'years') }} years')::date as limit_date,
        case when replacements.related_entry_id is null then 'NO_ORIGINAL' else 'BEYOND_LIMIT' end as reason
    from replacements
    inner join releases on replacements.entry_id = releases.entry_id
    left join originals on replacements.related_entry_id = originals.entry_id
    where
        replacements.related_entry_id is null
        or {{ local_date('replacements.declare_ts') }}
        > originals.ie_date + interval '{{ check_param(check, 'years') }} years'
),

fired as (
    select
        late.entry_id as object_id,
        late.release_ts as event_ts,
        late.release_officer_id as officer_id,
        late.trade_co as enterprise_code,
        jsonb_build_object(
            'reason', late.reason,
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
