-- AP-TAR-006 人工审单超时未结: a manual review still open at the end of the business day that crossed its limit that
-- day: claimed for more than max_claimed_hours working hours, or unclaimed in the queue for more than
-- max_queue_hours. Raised once, on the first day over the limit. Unclaimed: no officer, the section is in evidence.
{%- set check = {
    'code': 'AP-TAR-006',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '人工审单超时未结',
    'name_en': 'Manual review open too long',
    'attribution': 'claimed: officer = w.officer_id; unclaimed: section = w.section_unit_code',
    'params': {'max_claimed_hours': 8, 'max_queue_hours': 16},
} %}
{{ config(meta={'check': check}) }}

with open_reviews as (
    -- the latest open MANUAL_REVIEW step of each entry (current version of each step)
    select distinct on (entry_id) *
    from {{ ref('int_tax_workflow_current') }}
    where step_code = 'MANUAL_REVIEW' and end_ts is null
    order by entry_id asc, step_seq desc
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

measured as (
    select
        open_reviews.entry_id,
        open_reviews.step_seq,
        open_reviews.officer_id,
        open_reviews.section_unit_code,
        open_reviews.queue_entered_ts,
        open_reviews.start_ts,
        open_reviews.start_ts is not null as is_claimed,
        coalesce(open_reviews.start_ts, open_reviews.queue_entered_ts) as clock_start_ts,
        case
            when open_reviews.start_ts is not null then {{ check_param(check, 'max_claimed_hours') }}
            else {{ check_param(check, 'max_queue_hours') }}
        end as limit_hours
    from open_reviews
),

hours as (
    select
        measured.*,
        {{ working_hours_between('measured.clock_start_ts', end_of_biz_date()) }} as hours_by_day_end,
        {{ working_hours_between('measured.clock_start_ts', end_of_day(biz_date() ~ ' - 1')) }}
            as hours_by_day_start
    from measured
    where measured.clock_start_ts is not null
),

crossed_today as (
    select *
    from hours
    where hours_by_day_end > limit_hours and hours_by_day_start <= limit_hours
),

fired as (
    select
        crossed_today.entry_id as object_id,
        crossed_today.clock_start_ts as event_ts,
        declarations.trade_co as enterprise_code,
        case when crossed_today.is_claimed then crossed_today.officer_id end as officer_id,
        jsonb_build_object(
            'step_seq', crossed_today.step_seq,
            'claimed', crossed_today.is_claimed,
            'queue_entered_ts', crossed_today.queue_entered_ts,
            'start_ts', crossed_today.start_ts,
            'working_hours_open', round(crossed_today.hours_by_day_end, 2),
            'limit_hours', crossed_today.limit_hours,
            'section_unit_code', crossed_today.section_unit_code
        ) as evidence
    from crossed_today
    left join declarations on crossed_today.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
