-- MA-CLR-010 布控待查验积压: at the end of the business day, the control orders still ACTIVE whose entry has no
-- started inspection, is neither released nor deleted, and was controlled more than :max_workdays working days
-- before (WD(issue_ts, :biz_date) > :max_workdays). Per issuing (inspection) section: fires when more than :max_n
-- orders wait, with the oldest age. Charged to the section (officer NULL); the object is the section and its oldest
-- waiting order, so a backlog is raised once and a new backlog (a new oldest order) again.
{%- set check = {
    'code': 'MA-CLR-010',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'SECTION_BACKLOG',
    'name_zh': '布控待查验积压',
    'name_en': 'Backlog of controlled entries not inspected',
    'attribution': 'site/inspection section',
    'params': {'max_workdays': 3, 'max_n': 20},
} %}
{{ config(meta={'check': check}) }}

with waiting as (
    select
        c.control_id,
        c.entry_id,
        c.issue_unit_code,
        c.issue_ts,
        {{ workdays_between_dates(local_date('c.issue_ts'), biz_date()) }} as age_workdays
    from {{ ref('stg_raw__risk_control') }} as c
    where
        c.status = 'ACTIVE'
        and c.issue_ts < {{ end_of_biz_date() }}
        and not exists (
            select 1 from {{ ref('stg_raw__inspection') }} as i
            where
                (i.control_id = c.control_id or i.entry_id = c.entry_id)
                and i.start_ts is not null
                and i.start_ts < {{ end_of_biz_date() }}
        )
        and not exists (
            select 1 from {{ ref('stg_raw__dec_workflow') }} as w
            where
                w.entry_id = c.entry_id
                and w.step_code in ('RELEASE', 'DELETE')
                and w.end_ts is not null
                and w.end_ts < {{ end_of_biz_date() }}
        )
),

overdue as (
    select * from waiting
    where age_workdays > {{ check_param(check, 'max_workdays') }}
),

per_section as (
    select
        issue_unit_code,
        count(*) as n_waiting,
        max(age_workdays) as oldest_age_workdays,
        (array_agg(control_id order by issue_ts asc, control_id asc))[1] as oldest_control_id,
        min(issue_ts) as oldest_issue_ts
    from overdue
    group by 1
),

fired as (
    select
        oldest_issue_ts as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        issue_unit_code || '|' || oldest_control_id as object_id,
        jsonb_build_object(
            'section_unit_code', issue_unit_code,
            'n_waiting', n_waiting,
            'oldest_control_id', oldest_control_id,
            'oldest_issue_ts', oldest_issue_ts,
            'oldest_age_workdays', oldest_age_workdays,
            'max_workdays', {{ check_param(check, 'max_workdays') }},
            'max_n', {{ check_param(check, 'max_n') }}
        ) as evidence
    from per_section
    where n_waiting > {{ check_param(check, 'max_n') }}
)

{{ emit_alerts('fired', check) }}
