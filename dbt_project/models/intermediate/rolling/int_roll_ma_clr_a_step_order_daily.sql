{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ ma_clr_a_delete_touched('activity_date', [['stg_raw__dec_workflow', 'end_ts'], ['stg_raw__inspection', 'start_ts']]) }}",
        indexes=[{'columns': ['activity_date']}],
    )
}}
-- Steps out of order (suspected back-filling, MA-CLR-005), one row per finding, keyed by the local date of the later
-- (out-of-order) step: a release before the end of an executed inspection of the entry, or before a tax bill of the
-- entry was paid with no guarantee accepted by the release; an inspection started before its control order was
-- issued; a MANUAL_REVIEW step that ends before it starts. A night recomputes only the dates its delivery touched.
{%- set touched = [['stg_raw__dec_workflow', 'end_ts'], ['stg_raw__inspection', 'start_ts']] %}

with workflow_days as (
    select *
    from {{ ref('stg_raw__dec_workflow') }}
    where
        step_code in ('RELEASE', 'MANUAL_REVIEW')
        and end_ts is not null
        and {{ ma_clr_a_dates_filter(local_date('end_ts'), touched) }}
),

releases as (
    select distinct on (entry_id)
        entry_id,
        officer_id,
        end_ts as release_ts
    from workflow_days
    where step_code = 'RELEASE'
    order by entry_id asc, step_seq desc
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
),

released_before_inspection as (
    select distinct on (releases.entry_id)
        releases.entry_id,
        'RELEASE_BEFORE_INSPECTION_END' as finding,
        'RELEASE' as later_step,
        releases.officer_id,
        releases.release_ts as later_ts,
        inspections.end_ts as earlier_ts,
        inspections.insp_id as ref_id
    from releases
    inner join inspections on releases.entry_id = inspections.entry_id
    where inspections.end_ts is not null and releases.release_ts < inspections.end_ts
    order by releases.entry_id asc, inspections.end_ts desc
),

released_before_payment as (
    select distinct on (releases.entry_id)
        releases.entry_id,
        'RELEASE_BEFORE_TAX_PAID' as finding,
        'RELEASE' as later_step,
        releases.officer_id,
        releases.release_ts as later_ts,
        bills.paid_ts as earlier_ts,
        bills.tax_bill_no as ref_id
    from releases
    inner join {{ ref('stg_raw__tax_bill') }} as bills on releases.entry_id = bills.entry_id
    where
        bills.status <> 'CANCELLED'
        and bills.paid_ts is not null
        and releases.release_ts < bills.paid_ts
        and not exists (
            select 1 from {{ ref('stg_raw__guarantee') }} as g
            where g.entry_id = releases.entry_id and g.accept_ts <= releases.release_ts
        )
    order by releases.entry_id asc, bills.paid_ts desc
),

inspected_before_control as (
    select
        inspections.entry_id,
        'INSPECTION_BEFORE_CONTROL' as finding,
        'INSPECT' as later_step,
        inspections.lead_officer_id as officer_id,
        inspections.start_ts as later_ts,
        controls.issue_ts as earlier_ts,
        inspections.insp_id as ref_id
    from inspections
    inner join {{ ref('stg_raw__risk_control') }} as controls on inspections.control_id = controls.control_id
    where
        inspections.start_ts < controls.issue_ts
        and {{ ma_clr_a_dates_filter(local_date('inspections.start_ts'), touched) }}
),

review_ends_before_start as (
    select
        entry_id,
        'REVIEW_END_BEFORE_START' as finding,
        'MANUAL_REVIEW' as later_step,
        officer_id,
        end_ts as later_ts,
        start_ts as earlier_ts,
        entry_id || '/' || step_seq as ref_id
    from workflow_days
    where step_code = 'MANUAL_REVIEW' and end_ts < start_ts
)

select
    {{ local_date('findings.later_ts') }} as activity_date,
    findings.*
from (
    select * from released_before_inspection
    union all
    select * from released_before_payment
    union all
    select * from inspected_before_control
    union all
    select * from review_ends_before_start
) as findings
