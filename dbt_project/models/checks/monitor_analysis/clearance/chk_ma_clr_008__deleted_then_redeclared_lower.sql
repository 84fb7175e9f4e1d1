-- MA-CLR-008 删单后重报价值或税率降低: a declaration A deleted through an approved DELETE application
-- (dec_modify_apply) and a declaration B of the same trade_co and bill_no declared after the approval and at most
-- :days days later, B declared in the window (:biz_date - :period_days, :biz_date]; fires when B's value is below
-- A's × (1 - :drop), or B's duty at the effective rates, Σ eff_rate(code_ts, declare date) × cny_value, is below
-- A's × (1 - :drop). Two alerts per pair: one charged to the deletion approver, one to B's reviewer (its latest
-- MANUAL_REVIEW officer, else DOC_REVIEW, else ACCEPT).
{%- set check = {
    'code': 'MA-CLR-008',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'DELETE_REDECLARE',
    'name_zh': '删单后重报价值或税率降低',
    'name_en': 'Deleted then re-declared with lower value or duty',
    'attribution': 'officers = deletion approver and re-declaration reviewer',
    'params': {'period_days': 30, 'days': 10, 'drop': 0.1},
} %}
{{ config(meta={'check': check}) }}

with deletions as (
    select
        entry_id,
        apply_id,
        approve_officer_id,
        decision_ts
    from {{ ref('stg_raw__dec_modify_apply') }}
    where apply_type = 'DELETE' and decision = 'APPROVED' and decision_ts is not null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

pairs as (
    select
        deletions.apply_id,
        deletions.approve_officer_id,
        deletions.decision_ts,
        a.entry_id as a_entry_id,
        a.declare_ts as a_declare_ts,
        a.total_value_cny as a_value,
        b.entry_id as b_entry_id,
        b.declare_ts as b_declare_ts,
        b.total_value_cny as b_value,
        a.trade_co,
        a.bill_no
    from deletions
    inner join declarations as a on deletions.entry_id = a.entry_id
    inner join declarations as b
        on
            a.trade_co = b.trade_co
            and a.bill_no = b.bill_no
            and a.entry_id <> b.entry_id
            and deletions.decision_ts < b.declare_ts
            and b.declare_ts <= deletions.decision_ts + interval '{{ check_param(check, "days") }} days'
    where {{ in_window(local_date('b.declare_ts'), check_param(check, 'period_days')) }}
),

rates as (
    select * from {{ ref('stg_raw__tariff_rate') }}
),

wanted as (
    select
        a_entry_id as entry_id,
        a_declare_ts as declare_ts
    from pairs
    union
    select
        b_entry_id,
        b_declare_ts
    from pairs
),

duties as (
    select
        items.entry_id,
        sum(items.cny_value * coalesce(rate.eff_rate, 0)) as duty_cny
    from {{ ref('stg_raw__dec_item') }} as items
    inner join wanted on items.entry_id = wanted.entry_id
    left join lateral (
        select coalesce(rates.provisional_rate, rates.mfn_rate) as eff_rate
        from rates
        where
            rates.code_ts = items.code_ts
            and rates.valid_from <= {{ local_date('wanted.declare_ts') }}
            and (rates.valid_to is null or rates.valid_to >= {{ local_date('wanted.declare_ts') }})
        order by rates.valid_from desc
        limit 1
    ) as rate on true
    group by items.entry_id
),

assessed as (
    select
        pairs.*,
        coalesce(duty_a.duty_cny, 0) as a_duty,
        coalesce(duty_b.duty_cny, 0) as b_duty
    from pairs
    left join duties as duty_a on pairs.a_entry_id = duty_a.entry_id
    left join duties as duty_b on pairs.b_entry_id = duty_b.entry_id
),

flagged as (
    select *
    from assessed
    where
        b_value < a_value * (1 - {{ check_param(check, 'drop') }})
        or b_duty < a_duty * (1 - {{ check_param(check, 'drop') }})
),

reviewers as (
    select distinct on (w.entry_id)
        w.entry_id,
        w.officer_id,
        w.end_ts
    from {{ ref('stg_raw__dec_workflow') }} as w
    inner join flagged on w.entry_id = flagged.b_entry_id
    where w.step_code in ('MANUAL_REVIEW', 'DOC_REVIEW', 'ACCEPT') and w.officer_id is not null and w.end_ts is not null
    order by
        w.entry_id asc,
        case w.step_code when 'MANUAL_REVIEW' then 1 when 'DOC_REVIEW' then 2 else 3 end asc,
        w.step_seq desc
),

charged as (
    select
        flagged.*,
        'APPROVER' as charged_role,
        flagged.approve_officer_id as charged_officer_id,
        flagged.decision_ts as charged_ts
    from flagged
    union all
    select
        flagged.*,
        'REVIEWER' as charged_role,
        reviewers.officer_id as charged_officer_id,
        reviewers.end_ts as charged_ts
    from flagged
    inner join reviewers on flagged.b_entry_id = reviewers.entry_id
),

fired as (
    select
        charged_ts as event_ts,
        charged_officer_id as officer_id,
        trade_co as enterprise_code,
        a_entry_id || '>' || b_entry_id || '|' || charged_role as object_id,
        jsonb_build_object(
            'role', charged_role,
            'deleted_entry_id', a_entry_id,
            'redeclared_entry_id', b_entry_id,
            'apply_id', apply_id,
            'deletion_approver', approve_officer_id,
            'deleted_ts', decision_ts,
            'redeclared_ts', b_declare_ts,
            'bill_no', bill_no,
            'value_before', a_value,
            'value_after', b_value,
            'duty_before', round(a_duty, 2),
            'duty_after', round(b_duty, 2),
            'drop', {{ check_param(check, 'drop') }}
        ) as evidence
    from charged
)

{{ emit_alerts('fired', check) }}
