{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ rollup_delete_touched('activity_date', 'stg_raw__ops_audit_log', 'event_ts') }}",
        indexes=[{'columns': ['activity_date']}, {'columns': ['officer_id']}],
    )
}}
-- The rare override actions of the operation log, per local day (of event_ts): FORCE_RELEASE on an entry (with
-- is_off_duty at the action time, for MA-CLR-018) and CONTROL_MODIFY on a control order lowering its required
-- method (a downgrade, for MA-CLR-019). One row per action; a night recomputes only the days its delivery touched
-- (see macros/windows.sql), so the 90-day windows never re-read the whole log.
with actions as (
    select
        {{ local_date('l.event_ts') }} as activity_date,
        l.log_id,
        l.officer_id,
        l.action,
        l.object_type,
        l.object_id,
        l.event_ts,
        l.detail ->> 'required_method_before' as method_before,
        l.detail ->> 'required_method_after' as method_after
    from {{ ref('stg_raw__ops_audit_log') }} as l
    where
        l.officer_id is not null
        and (
            (l.action = 'FORCE_RELEASE' and l.object_type = 'ENTRY')
            or (l.action = 'CONTROL_MODIFY' and l.object_type = 'CONTROL')
        )
        and {{ rollup_dates_filter(local_date('l.event_ts'), 'stg_raw__ops_audit_log', 'event_ts') }}
)

select
    actions.activity_date,
    actions.log_id,
    actions.officer_id,
    actions.action,
    actions.object_id,
    actions.event_ts,
    actions.method_before,
    actions.method_after,
    actions.action = 'FORCE_RELEASE'
    and {{ is_off_duty('actions.officer_id', 'actions.event_ts') }} as is_off_duty
from actions
