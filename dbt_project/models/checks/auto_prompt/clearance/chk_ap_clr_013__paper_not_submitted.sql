-- AP-CLR-013 逾期未交单未撤销电子数据: an entry that needs paper (entry_type not W, D or M) passed electronic review
-- more than :paper_days days before the business day, and no paper was submitted nor the electronic data deleted.
{%- set check = {
    'code': 'AP-CLR-013',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '逾期未交单未撤销电子数据',
    'name_en': 'Paper not submitted in 10 days and e-data not cancelled',
    'attribution': 'accept section (step owner)',
    'params': {'paper_days': 10},
} %}
{{ config(meta={'check': check}) }}

with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where entry_type not in ('W', 'D', 'M')
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'ACCEPT'
),

reviewed as (
    select * from steps
    where step_code = 'E_REVIEW' and result_code = 'PASS'
),

overdue as (
    select
        declarations.entry_id,
        declarations.trade_co,
        declarations.entry_type,
        declarations.declare_customs_code,
        reviewed.end_ts as review_pass_ts
    from declarations
    inner join reviewed on declarations.entry_id = reviewed.entry_id
    where
        {{ local_date('reviewed.end_ts') }} + {{ check_param(check, 'paper_days') }} < {{ biz_date() }}
        and not exists (
            select 1 from steps
            where
                declarations.entry_id = steps.entry_id
                and steps.step_code in ('PAPER_SUBMIT', 'DELETE')
        )
),

fired as (
    select
        overdue.entry_id as object_id,
        overdue.review_pass_ts as event_ts,
        null::text as officer_id,
        overdue.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_type', overdue.entry_type,
            'review_pass_ts', overdue.review_pass_ts,
            'paper_deadline', {{ local_date('overdue.review_pass_ts') }} + {{ check_param(check, 'paper_days') }},
            'accept_section', coalesce(post_sections.section_unit_code, overdue.declare_customs_code)
        ) as evidence
    from overdue
    left join post_sections on overdue.declare_customs_code = post_sections.customs_code
)

{{ emit_alerts('fired', check) }}
