-- MA-TAR-017 退税办理周期偏长: tax_refund rows decided (decision and decision_ts set) in the window (biz_date -
-- period_days, biz_date], grouped by handling section = the section the approving officer held at the decision
-- (int_officer_attribution), else the tax section of the declaring customs (int_tax_sections). Fires for a section
-- with n >= min_n refunds whose median days accept_ts -> decision_ts exceed max_median_days or whose p90 exceeds
-- max_p90_days. Object SECTION = section|first day of the fixed period of period_days. Charged to the section:
-- officer_id NULL, the section and its subordinate customs in evidence.
{%- set check = {
    'code': 'MA-TAR-017',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'SECTION',
    'name_zh': '退税办理周期偏长',
    'name_en': 'Slow refund handling',
    'attribution': 'tax section; subordinate customs',
    'params': {'period_days': 90, 'max_median_days': 20, 'max_p90_days': 30, 'min_n': 10},
} %}
{{ config(meta={'check': check}) }}

with refunds as (
    select * from {{ ref('stg_raw__tax_refund') }}
    where
        decision is not null
        and decision_ts is not null
        and accept_ts is not null
        and {{ in_window(local_date('decision_ts'), check_param(check, 'period_days')) }}
),

declarations as (
    select
        entry_id,
        declare_customs_code
    from {{ ref('stg_raw__dec_head') }}
),

attribution as (
    select * from {{ ref('int_officer_attribution') }}
),

tax_sections as (
    select * from {{ ref('int_tax_sections') }}
),

handled as (
    select
        refunds.refund_id,
        refunds.decision_ts,
        extract(epoch from refunds.decision_ts - refunds.accept_ts) / 86400.0 as days_taken,
        coalesce(
            (
                select a.section_unit_code
                from attribution as a
                where
                    a.officer_id = refunds.approve_officer_id
                    and {{ local_date('refunds.decision_ts') }} >= a.valid_from
                    and {{ local_date('refunds.decision_ts') }} < coalesce(a.valid_to, date '9999-12-31')
                order by a.valid_from desc
                limit 1
            ),
            tax_sections.tax_section_unit_code
        ) as section_unit_code
    from refunds
    left join declarations on refunds.entry_id = declarations.entry_id
    left join tax_sections on declarations.declare_customs_code = tax_sections.customs_code
),

per_section as (
    select
        section_unit_code,
        count(*) as n,
        percentile_cont(0.5) within group (order by days_taken) as median_days,
        percentile_cont(0.9) within group (order by days_taken) as p90_days,
        max(decision_ts) as last_decision_ts
    from handled
    where section_unit_code is not null
    group by section_unit_code
),

units as (
    select distinct on (unit_code)
        unit_code,
        parent_unit_code
    from {{ ref('stg_raw__org_unit') }}
    order by unit_code asc, valid_from desc
),

fired as (
    select
        per_section.section_unit_code || '|'
        || {{ ma_period_start(check_param(check, 'period_days')) }} as object_id,
        per_section.last_decision_ts as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'section_unit_code', per_section.section_unit_code,
            'subordinate_unit_code', units.parent_unit_code,
            'n', per_section.n,
            'median_days', round(per_section.median_days::numeric, 2),
            'p90_days', round(per_section.p90_days::numeric, 2),
            'max_median_days', {{ check_param(check, 'max_median_days') }},
            'max_p90_days', {{ check_param(check, 'max_p90_days') }}
        ) as evidence
    from per_section
    left join units on per_section.section_unit_code = units.unit_code
    where
        per_section.n >= {{ check_param(check, 'min_n') }}
        and (
            per_section.median_days > {{ check_param(check, 'max_median_days') }}
            or per_section.p90_days > {{ check_param(check, 'max_p90_days') }}
        )
)

{{ emit_alerts('fired', check) }}
