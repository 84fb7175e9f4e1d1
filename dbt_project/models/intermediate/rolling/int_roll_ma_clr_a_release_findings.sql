{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}],
    )
}}
-- Releases that broke a manifest rule, one row per (entry, finding), keyed by the local release date:
-- EXPORT_NO_ARRIVAL_REPORT (MA-CLR-006): a sea export (traf_mode 2) whose bill has no arrival report, or one made
-- after the release; MANIFEST_MISMATCH (MA-CLR-007): an import whose package count differs from its bill's, or whose
-- gross weight differs by more than MA-CLR-007's tol, with no manifest change of the bill approved before the release.
-- The bill is the manifest_bill with the declaration's bill_no (and its manifest_id when the declaration has one).
-- A night recomputes only the release dates its delivery touched.
{%- set tol = ma_clr_a_check_param('MA-CLR-007', 'tol') or 0 %}

with releases as (
    select distinct on (entry_id)
        entry_id,
        officer_id as release_officer_id,
        end_ts as release_ts
    from {{ ref('stg_raw__dec_workflow') }}
    where
        step_code = 'RELEASE'
        and end_ts is not null
        and {{ rollup_dates_filter(local_date('end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
    order by entry_id asc, step_seq desc
),

released as (
    select
        releases.*,
        h.ie_flag,
        h.traf_mode,
        h.bill_no,
        h.manifest_id,
        h.pack_no,
        h.gross_wt,
        h.trade_co,
        h.agent_code
    from releases
    inner join {{ ref('stg_raw__dec_head') }} as h on releases.entry_id = h.entry_id
),

with_bill as (
    select
        released.*,
        b.manifest_id as bill_manifest_id,
        b.pack_no as bill_pack_no,
        b.gross_wt as bill_gross_wt,
        b.arrival_report_ts,
        abs(released.gross_wt - b.gross_wt) / nullif(b.gross_wt, 0) as weight_gap
    from released
    inner join {{ ref('stg_raw__manifest_bill') }} as b
        on
            released.bill_no = b.bill_no
            and (released.manifest_id is null or released.manifest_id = b.manifest_id)
),

findings as (
    select
        'EXPORT_NO_ARRIVAL_REPORT' as finding,
        *
    from with_bill
    where
        ie_flag = 'E'
        and traf_mode = '2'
        and (arrival_report_ts is null or arrival_report_ts > release_ts)
    union all
    select
        'MANIFEST_MISMATCH' as finding,
        *
    from with_bill
    where
        ie_flag = 'I'
        and (pack_no <> bill_pack_no or weight_gap > {{ tol }})
        and not exists (
            select 1 from {{ ref('stg_raw__manifest_change') }} as mc
            where
                mc.manifest_id = with_bill.bill_manifest_id
                and mc.bill_no = with_bill.bill_no
                and mc.approve_ts < with_bill.release_ts
        )
)

select
    {{ local_date('release_ts') }} as activity_date,
    *
from findings
