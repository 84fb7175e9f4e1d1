-- AP-CLR-009 现场接单不及时: paper documents submitted (PAPER_SUBMIT) and taken by the window (ACCEPT) on the
-- business day more than :max_hours working hours later, or, not taken at all, still waiting more than :max_hours
-- working hours at the end of the business day (deleted entries excepted).
{%- set check = {
    'code': 'AP-CLR-009',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '现场接单不及时',
    'name_en': 'Paper acceptance delayed',
    'attribution': 'officer = ACCEPT.officer_id, else accept section',
    'params': {'max_hours': 2},
} %}
{{ config(meta={'check': check}) }}

with steps as (
    select * from {{ ref('int_entry_steps') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'ACCEPT'
),

papers as (
    select * from steps
    where step_code = 'PAPER_SUBMIT' and end_ts is not null
),

acceptances as (
    select * from steps
    where step_code = 'ACCEPT'
),

deletions as (
    select * from steps
    where step_code = 'DELETE'
),

waits as (
    select
        papers.entry_id,
        papers.end_ts as paper_ts,
        papers.section_unit_code as paper_section,
        acceptances.end_ts as accept_ts,
        acceptances.officer_id as accept_officer_id,
        acceptances.section_unit_code as accept_section,
        case
            when acceptances.end_ts is not null
                then {{ working_hours_between('papers.end_ts', 'acceptances.end_ts') }}
            else {{ working_hours_between('papers.end_ts', end_of_biz_date()) }}
        end as waited_hours
    from papers
    left join acceptances on papers.entry_id = acceptances.entry_id
    where
        {{ local_date('acceptances.end_ts') }} = {{ biz_date() }}
        or (
            acceptances.end_ts is null
            and papers.end_ts < {{ end_of_biz_date() }}
            and not exists (
                select 1 from deletions
                where papers.entry_id = deletions.entry_id
            )
        )
),

fired as (
    select
        waits.entry_id as object_id,
        waits.accept_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        coalesce(waits.accept_ts, waits.paper_ts) as event_ts,
        jsonb_build_object(
            'paper_submit_ts', waits.paper_ts,
            'accept_ts', waits.accept_ts,
            'waited_working_hours', round(waits.waited_hours, 2),
            'accept_section', coalesce(waits.accept_section, waits.paper_section, post_sections.section_unit_code)
        ) as evidence
    from waits
    left join declarations on waits.entry_id = declarations.entry_id
    left join post_sections on declarations.declare_customs_code = post_sections.customs_code
    where waits.waited_hours > {{ check_param(check, 'max_hours') }}
)

{{ emit_alerts('fired', check) }}
