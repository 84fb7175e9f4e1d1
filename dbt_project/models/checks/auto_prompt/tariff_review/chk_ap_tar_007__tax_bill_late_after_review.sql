-- AP-TAR-007 审结后征税不及时: a dutiable entry paying tax per entry (NORMAL) whose first tax bill was issued on the
-- business day more than max_hours working hours after the review passed, or that has no tax bill yet although the
-- review passed more than max_hours working hours before the end of the business day.
{%- set check = {
    'code': 'AP-TAR-007',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '审结后征税不及时',
    'name_en': 'Tax bill issued late after review',
    'attribution': 'officer = TAX step officer if claimed, else tax section',
    'params': {'max_hours': 4},
} %}
{{ config(meta={'check': check}) }}

with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where tax_payment_mode = 'NORMAL'
),

duty as (
    select * from {{ ref('int_entry_duty') }}
    where is_dutiable
),

steps as (
    select * from {{ ref('int_tax_entry_steps') }}
    where step_code in ('MANUAL_REVIEW', 'E_REVIEW', 'TAX')
),

tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
),

tax_sections as (
    select * from {{ ref('int_tax_sections') }}
),

first_bills as (
    select
        entry_id,
        min(issue_ts) as first_issue_ts
    from tax_bills
    group by entry_id
),

review_passed as (
    -- P: the manual review's pass where the entry went to manual review, else the electronic review's pass
    select
        declarations.entry_id,
        declarations.trade_co,
        declarations.declare_customs_code,
        case
            when manual_review.entry_id is not null
                then case when manual_review.result_code = 'PASS' then manual_review.end_ts end
            when e_review.result_code = 'PASS' then e_review.end_ts
        end as review_pass_ts
    from declarations
    inner join duty on declarations.entry_id = duty.entry_id
    left join steps as manual_review
        on declarations.entry_id = manual_review.entry_id and manual_review.step_code = 'MANUAL_REVIEW'
    left join steps as e_review
        on declarations.entry_id = e_review.entry_id and e_review.step_code = 'E_REVIEW'
),

waited as (
    select
        review_passed.*,
        first_bills.first_issue_ts,
        case
            when first_bills.first_issue_ts is not null
                then {{ working_hours_between('review_passed.review_pass_ts', 'first_bills.first_issue_ts') }}
            else {{ working_hours_between('review_passed.review_pass_ts', end_of_biz_date()) }}
        end as working_hours_waited
    from review_passed
    left join first_bills on review_passed.entry_id = first_bills.entry_id
    where
        review_passed.review_pass_ts is not null
        and (
            first_bills.first_issue_ts is null
            or {{ local_date('first_bills.first_issue_ts') }} = {{ biz_date() }}
        )
),

late as (
    select *
    from waited
    where working_hours_waited > {{ check_param(check, 'max_hours') }}
),

fired as (
    select
        late.entry_id as object_id,
        late.trade_co as enterprise_code,
        coalesce(late.first_issue_ts, tax_step.start_ts, late.review_pass_ts) as event_ts,
        case when tax_step.start_ts is not null then tax_step.officer_id end as officer_id,
        jsonb_build_object(
            'review_pass_ts', late.review_pass_ts,
            'first_issue_ts', late.first_issue_ts,
            'working_hours_waited', round(late.working_hours_waited, 2),
            'tax_step_officer_id', tax_step.officer_id,
            'tax_section_unit_code', coalesce(tax_step.section_unit_code, tax_sections.tax_section_unit_code)
        ) as evidence
    from late
    left join steps as tax_step on late.entry_id = tax_step.entry_id and tax_step.step_code = 'TAX'
    left join tax_sections on late.declare_customs_code = tax_sections.customs_code
)

{{ emit_alerts('fired', check) }}
