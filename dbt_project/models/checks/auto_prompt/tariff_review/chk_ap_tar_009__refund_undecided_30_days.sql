-- AP-TAR-009 退税申请超30日未决: an accepted refund application still undecided on day max_days after its
-- acceptance date, or decided on the business day more than max_days after acceptance. Charged to the assigned
-- approver; without one, no officer and the tax section is in evidence.
{%- set check = {
    'code': 'AP-TAR-009',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'TAX_REFUND',
    'name_zh': '退税申请超30日未决',
    'name_en': 'Refund application undecided after 30 days',
    'attribution': 'officer = r.approve_officer_id if assigned, else tax section',
    'params': {'max_days': 30},
} %}
{{ config(meta={'check': check}) }}

with refunds as (
    select * from {{ ref('stg_raw__tax_refund') }}
    where accept_ts is not null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

tax_sections as (
    select * from {{ ref('int_tax_sections') }}
),

overdue as (
    select
        refunds.*,
        case when refunds.decision is null then 'UNDECIDED' else 'DECIDED_LATE' end as finding
    from refunds
    where
        (
            refunds.decision is null
            and {{ local_date('refunds.accept_ts') }} + {{ check_param(check, 'max_days') }} = {{ biz_date() }}
        )
        or (
            {{ local_date('refunds.decision_ts') }} = {{ biz_date() }}
            and refunds.decision_ts > refunds.accept_ts + interval '1 day' * {{ check_param(check, 'max_days') }}
        )
),

fired as (
    select
        overdue.refund_id as object_id,
        overdue.approve_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        coalesce(overdue.decision_ts, overdue.accept_ts) as event_ts,
        jsonb_build_object(
            'finding', overdue.finding,
            'entry_id', overdue.entry_id,
            'tax_bill_no', overdue.tax_bill_no,
            'amount_cny', overdue.amount_cny,
            'apply_ts', overdue.apply_ts,
            'accept_ts', overdue.accept_ts,
            'decision', overdue.decision,
            'decision_ts', overdue.decision_ts,
            'tax_section_unit_code', tax_sections.tax_section_unit_code
        ) as evidence
    from overdue
    left join declarations on overdue.entry_id = declarations.entry_id
    left join tax_sections on declarations.declare_customs_code = tax_sections.customs_code
)

{{ emit_alerts('fired', check) }}
