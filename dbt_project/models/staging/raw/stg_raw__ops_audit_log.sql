-- ops_audit_log 系统操作日志:
-- every event delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ delivered_events('raw', 'ops_audit_log') }}
)

select * from delivered
