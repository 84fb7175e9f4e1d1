-- BI-WKL-002 岗位/科室前一日作业量: per section × post (the post and section the officer held that day), the
-- entries handled on the business day, active officers, entries per officer and share of manual steps, against
-- the mean of the extracts received in the trailing :baseline_days(30) days (ratio). A daily list, not an alert.
{%- set check = {
    'code': 'BI-WKL-002',
    'module': 'basic_info',
    'business_line': 'general',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'SECTION',
    'name_zh': '岗位/科室前一日作业量',
    'name_en': 'Post and section throughput, previous day',
    'attribution': 'section; subordinate customs',
    'params': {'baseline_days': 30},
} %}
{{ config(meta={'check': check}) }}

with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
    where
        officer_id is not null
        and {{ local_date('end_ts') }} > {{ biz_date() }} - {{ check_param(check, 'baseline_days') }}
        and {{ local_date('end_ts') }} <= {{ biz_date() }}
),

attribution as (
    select * from {{ ref('int_officer_attribution') }}
),

extract_days as (
    select * from {{ ref('int_ops_extract_days') }}
    where
        extract_date > {{ biz_date() }} - {{ check_param(check, 'baseline_days') }}
        and extract_date < {{ biz_date() }}
),

dated as (
    select
        entry_id,
        officer_id,
        is_manual,
        {{ local_date('end_ts') }} as work_date
    from workflow
),

placed as (
    select
        dated.*,
        held.section_unit_code,
        held.post_code
    from dated
    inner join lateral (
        select
            attribution.section_unit_code,
            attribution.post_code
        from attribution
        where
            attribution.officer_id = dated.officer_id
            and dated.work_date >= attribution.valid_from
            and dated.work_date < coalesce(attribution.valid_to, date '9999-12-31')
        order by attribution.valid_from desc
        limit 1
    ) as held on true
),

today as (
    select
        section_unit_code,
        post_code,
        count(distinct entry_id) as n_entries,
        count(distinct officer_id) as n_officers_active,
        count(*) as n_steps,
        avg(is_manual::int) as share_manual
    from placed
    where work_date = {{ biz_date() }}
    group by section_unit_code, post_code
),

baseline_days_with_data as (
    select count(*) as n_days
    from extract_days
),

baseline_daily as (
    select
        section_unit_code,
        post_code,
        work_date,
        count(distinct entry_id) as n_entries
    from placed
    where work_date < {{ biz_date() }}
    group by section_unit_code, post_code, work_date
),

baseline as (
    select
        baseline_daily.section_unit_code,
        baseline_daily.post_code,
        sum(baseline_daily.n_entries) / nullif(max(baseline_days_with_data.n_days), 0) as mean_entries
    from baseline_daily
    cross join baseline_days_with_data
    group by baseline_daily.section_unit_code, baseline_daily.post_code
),

compared as (
    select
        today.*,
        baseline_days_with_data.n_days as baseline_days_with_data,
        coalesce(baseline.mean_entries, case when baseline_days_with_data.n_days > 0 then 0 end) as baseline_mean
    from today
    cross join baseline_days_with_data
    left join baseline
        on today.section_unit_code = baseline.section_unit_code and today.post_code = baseline.post_code
),

listed as (
    select
        'SECTION' as subject_type,
        section_unit_code as subject_id,
        post_code as breakdown,
        null::text as officer_id,
        section_unit_code as unit_code,
        null::text as enterprise_code,
        null::timestamptz as event_ts,
        jsonb_build_object(
            'post_code', post_code,
            'n_entries', n_entries,
            'n_officers_active', n_officers_active,
            'entries_per_officer', round(n_entries::numeric / n_officers_active, 2),
            'n_steps', n_steps,
            'share_manual', round(share_manual, 4),
            'baseline_days_with_data', baseline_days_with_data,
            'baseline_mean_entries', round(baseline_mean, 2),
            'ratio_to_baseline', round(n_entries / nullif(baseline_mean, 0), 4)
        ) as metrics
    from compared
)

{{ emit_prompts('listed', check) }}
