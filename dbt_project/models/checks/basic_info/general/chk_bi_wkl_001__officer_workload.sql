-- BI-WKL-001 关员前一日工作量: per officer and workflow step, the steps the officer finished on the business day —
-- entries handled, steps, average and longest handling minutes (claimed → finished). A daily list, not an alert.
{%- set check = {
    'code': 'BI-WKL-001',
    'module': 'basic_info',
    'business_line': 'general',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'OFFICER',
    'name_zh': '关员前一日工作量',
    'name_en': 'Officer workload, previous day',
    'attribution': 'officer (self) and section chief',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
    where officer_id is not null and {{ local_date('end_ts') }} = {{ biz_date() }}
),

timed as (
    select
        officer_id,
        step_code,
        entry_id,
        end_ts,
        extract(epoch from (end_ts - coalesce(start_ts, queue_entered_ts, end_ts))) / 60.0 as minutes
    from workflow
),

per_officer_step as (
    select
        officer_id,
        step_code,
        count(distinct entry_id) as n_entries,
        count(*) as n_steps,
        round(avg(minutes)::numeric, 1) as avg_minutes,
        round(max(minutes)::numeric, 1) as max_minutes,
        max(end_ts) as last_end_ts
    from timed
    group by officer_id, step_code
),

ranked as (
    select
        *,
        rank() over (partition by step_code order by n_entries desc) as rank_in_step
    from per_officer_step
),

listed as (
    select
        'OFFICER' as subject_type,
        officer_id as subject_id,
        step_code as breakdown,
        officer_id,
        null::text as unit_code,
        null::text as enterprise_code,
        last_end_ts as event_ts,
        jsonb_build_object(
            'step_code', step_code,
            'n_entries', n_entries,
            'n_steps', n_steps,
            'avg_minutes', avg_minutes,
            'max_minutes', max_minutes,
            'rank_in_step', rank_in_step
        ) as metrics
    from ranked
)

{{ emit_prompts('listed', check) }}
