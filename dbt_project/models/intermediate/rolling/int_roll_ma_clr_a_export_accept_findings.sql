{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts') }}",
        indexes=[{'columns': ['activity_date']}],
    )
}}
-- Sea exports (traf_mode 2) declared late for their conveyance (MA-CLR-011), one row per entry, keyed by the local
-- date of the acceptance (the latest ACCEPT step, else DOC_REVIEW): declare_ts later than the manifest's loading_ts
-- minus MA-CLR-011's hours, or later than its departure_ts. A night recomputes only the dates its delivery touched.
{%- set hours = ma_clr_a_check_param('MA-CLR-011', 'hours') or 0 %}

with acceptances as (
    select distinct on (entry_id)
        entry_id,
        officer_id as accept_officer_id,
        step_code as accept_step,
        end_ts as accept_ts
    from {{ ref('stg_raw__dec_workflow') }}
    where
        step_code in ('ACCEPT', 'DOC_REVIEW')
        and end_ts is not null
        and {{ rollup_dates_filter(local_date('end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
    order by entry_id asc, case step_code when 'ACCEPT' then 1 else 2 end asc, step_seq desc
)

select
    {{ local_date('acceptances.accept_ts') }} as activity_date,
    acceptances.*,
    h.declare_ts,
    h.agent_code,
    h.trade_co,
    h.manifest_id,
    m.loading_ts,
    m.departure_ts,
    extract(epoch from (m.loading_ts - h.declare_ts)) / 3600.0 as hours_before_loading
from acceptances
inner join {{ ref('stg_raw__dec_head') }} as h on acceptances.entry_id = h.entry_id
inner join {{ ref('stg_raw__manifest') }} as m on h.manifest_id = m.manifest_id
where
    h.ie_flag = 'E'
    and h.traf_mode = '2'
    and (
        h.declare_ts > m.loading_ts - interval '{{ hours }} hours'
        or h.declare_ts > m.departure_ts
    )
