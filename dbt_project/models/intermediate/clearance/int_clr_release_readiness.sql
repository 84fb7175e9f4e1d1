-- P(e) of AP-CLR-012: the moment an entry had met every release condition, per entry —
-- GREATEST(review pass, acceptance, tax paid or guarantee accepted if dutiable and paid per entry (NORMAL),
-- last inspection ended NORMAL/MINOR if an effective control order exists (or the last cancellation when every
-- order was cancelled)); NULL while any condition is still open. Also: released or not, open suspension, deleted.
with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
),

duty as (
    select * from {{ ref('int_entry_duty') }}
),

tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
    where status <> 'CANCELLED'
),

guarantees as (
    select * from {{ ref('stg_raw__guarantee') }}
    where entry_id is not null
),

controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where end_ts is not null
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

review as (
    select
        entry_id,
        case
            when bool_or(step_code = 'MANUAL_REVIEW')
                then max(end_ts) filter (where step_code = 'MANUAL_REVIEW' and result_code = 'PASS')
            else max(end_ts) filter (where step_code = 'E_REVIEW' and result_code = 'PASS')
        end as review_pass_ts
    from steps
    where step_code in ('E_REVIEW', 'MANUAL_REVIEW')
    group by entry_id
),

acceptance as (
    select
        entry_id,
        coalesce(
            max(end_ts) filter (where step_code = 'ACCEPT'),
            max(end_ts) filter (where step_code = 'DOC_REVIEW')
        ) as accept_ts
    from steps
    where step_code in ('ACCEPT', 'DOC_REVIEW')
    group by entry_id
),

tax as (
    select
        entry_id,
        bool_and(paid_ts is not null) as all_paid,
        max(paid_ts) as last_paid_ts
    from tax_bills
    group by entry_id
),

guarantee as (
    select
        entry_id,
        min(accept_ts) as guarantee_ts
    from guarantees
    group by entry_id
),

control as (
    select
        entry_id,
        bool_or(status <> 'CANCELLED') as has_effective_control,
        max(cancel_ts) filter (where status = 'CANCELLED') as last_cancel_ts
    from controls
    group by entry_id
),

last_inspection as (
    select distinct on (entry_id)
        entry_id,
        end_ts,
        result
    from inspections
    order by entry_id asc, end_ts desc
),

trail as (
    select
        entry_id,
        max(step_seq) filter (where step_code = 'SUSPEND') as last_suspend_seq,
        max(step_seq) filter (where step_code = 'RESUME') as last_resume_seq,
        bool_or(step_code = 'DELETE') as has_delete_step
    from workflow
    group by entry_id
),

conditions as (
    select
        declarations.entry_id,
        declarations.trade_co,
        declarations.declare_customs_code,
        declarations.ie_port_code,
        review.review_pass_ts,
        acceptance.accept_ts,
        guarantee.guarantee_ts,
        control.last_cancel_ts,
        releases.release_ts,
        releases.release_officer_id,
        coalesce(duty.is_dutiable, false) and declarations.tax_payment_mode = 'NORMAL' as needs_tax,
        case when tax.all_paid then tax.last_paid_ts end as tax_paid_ts,
        coalesce(control.has_effective_control, false) as needs_inspection,
        case when last_inspection.result in ('NORMAL', 'MINOR') then last_inspection.end_ts end as inspection_ok_ts,
        coalesce(trail.last_suspend_seq > coalesce(trail.last_resume_seq, 0), false) as is_suspended,
        coalesce(trail.has_delete_step, false) or declarations.dec_status = 'DELETED' as is_deleted
    from declarations
    left join review on declarations.entry_id = review.entry_id
    left join acceptance on declarations.entry_id = acceptance.entry_id
    left join duty on declarations.entry_id = duty.entry_id
    left join tax on declarations.entry_id = tax.entry_id
    left join guarantee on declarations.entry_id = guarantee.entry_id
    left join control on declarations.entry_id = control.entry_id
    left join last_inspection on declarations.entry_id = last_inspection.entry_id
    left join trail on declarations.entry_id = trail.entry_id
    left join releases on declarations.entry_id = releases.entry_id
),

readiness as (
    select
        *,
        case
            when review_pass_ts is null or accept_ts is null then null
            when needs_tax and coalesce(tax_paid_ts, guarantee_ts) is null then null
            when needs_inspection and inspection_ok_ts is null then null
            else greatest(
                review_pass_ts,
                accept_ts,
                case when needs_tax then least(tax_paid_ts, guarantee_ts) end,
                case when needs_inspection then inspection_ok_ts else last_cancel_ts end
            )
        end as ready_ts
    from conditions
)

select * from readiness
