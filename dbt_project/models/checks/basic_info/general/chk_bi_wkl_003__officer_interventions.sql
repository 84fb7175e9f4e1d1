-- BI-WKL-003 关员前一日人工干预量: per officer, the manual interventions of the business day — reviewer field
-- changes, approved modify/delete applications, control cancellations, inspection reassignments, late-fee
-- waivers, tax-bill cancellations and FORCE_RELEASE / UNLOCK_ENTRY / CLEAR_CONTROL_FLAG operations. A daily
-- list of every officer with at least one, not an alert.
{%- set check = {
    'code': 'BI-WKL-003',
    'module': 'basic_info',
    'business_line': 'general',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'OFFICER',
    'name_zh': '关员前一日人工干预量',
    'name_en': 'Officer manual interventions, previous day',
    'attribution': 'officer; section',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with field_changes as (
    select * from {{ ref('stg_raw__dec_field_change') }}
    where change_source = 'REVIEW' and {{ local_date('change_ts') }} = {{ biz_date() }}
),

modify_applications as (
    select * from {{ ref('int_ops_modify_applications') }}
    where decision = 'APPROVED' and {{ local_date('decision_ts') }} = {{ biz_date() }}
),

controls as (
    select * from {{ ref('stg_raw__risk_control') }}
    where status = 'CANCELLED' and {{ local_date('cancel_ts') }} = {{ biz_date() }}
),

reassignments as (
    select * from {{ ref('stg_raw__inspection_reassign') }}
    where {{ local_date('reassign_ts') }} = {{ biz_date() }}
),

late_fees as (
    select * from {{ ref('stg_raw__late_fee') }}
    where waived_amount_cny > 0 and {{ local_date('waive_ts') }} = {{ biz_date() }}
),

tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where status = 'CANCELLED' and {{ local_date('cancel_ts') }} = {{ biz_date() }}
),

operations as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where
        action in ('FORCE_RELEASE', 'UNLOCK_ENTRY', 'CLEAR_CONTROL_FLAG')
        and {{ local_date('event_ts') }} = {{ biz_date() }}
),

interventions as (
    select
        officer_id,
        'review_field_changes' as kind,
        change_ts as event_ts
    from field_changes
    union all
    select
        approve_officer_id as officer_id,
        'modify_apply_approvals' as kind,
        decision_ts as event_ts
    from modify_applications
    union all
    select
        cancel_officer_id as officer_id,
        'control_cancellations' as kind,
        cancel_ts as event_ts
    from controls
    union all
    select
        operated_by_officer_id as officer_id,
        'inspection_reassignments' as kind,
        reassign_ts as event_ts
    from reassignments
    union all
    select
        waive_officer_id as officer_id,
        'late_fee_waivers' as kind,
        waive_ts as event_ts
    from late_fees
    union all
    select
        cancel_officer_id as officer_id,
        'tax_bill_cancellations' as kind,
        cancel_ts as event_ts
    from tax_bills
    union all
    select
        officer_id,
        lower(action) as kind,
        event_ts
    from operations
),

per_officer as (
    select
        officer_id,
        count(*) as n_total,
        count(*) filter (where kind = 'review_field_changes') as review_field_changes,
        count(*) filter (where kind = 'modify_apply_approvals') as modify_apply_approvals,
        count(*) filter (where kind = 'control_cancellations') as control_cancellations,
        count(*) filter (where kind = 'inspection_reassignments') as inspection_reassignments,
        count(*) filter (where kind = 'late_fee_waivers') as late_fee_waivers,
        count(*) filter (where kind = 'tax_bill_cancellations') as tax_bill_cancellations,
        count(*) filter (where kind = 'force_release') as force_releases,
        count(*) filter (where kind = 'unlock_entry') as entry_unlocks,
        count(*) filter (where kind = 'clear_control_flag') as control_flag_clears,
        max(event_ts) as last_event_ts
    from interventions
    where officer_id is not null
    group by officer_id
),

listed as (
    select
        'OFFICER' as subject_type,
        officer_id as subject_id,
        null::text as breakdown,
        officer_id,
        null::text as unit_code,
        null::text as enterprise_code,
        last_event_ts as event_ts,
        jsonb_build_object(
            'n_total', n_total,
            'review_field_changes', review_field_changes,
            'modify_apply_approvals', modify_apply_approvals,
            'control_cancellations', control_cancellations,
            'inspection_reassignments', inspection_reassignments,
            'late_fee_waivers', late_fee_waivers,
            'tax_bill_cancellations', tax_bill_cancellations,
            'force_releases', force_releases,
            'entry_unlocks', entry_unlocks,
            'control_flag_clears', control_flag_clears
        ) as metrics
    from per_officer
)

{{ emit_prompts('listed', check) }}
