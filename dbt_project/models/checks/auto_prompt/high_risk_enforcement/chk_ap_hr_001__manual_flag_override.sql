-- AP-HR-001 人工修改放行/布控标志: every operation-log row of the business day in which an officer manually forced
-- the release flag (FORCE_RELEASE), cleared a control flag (CLEAR_CONTROL_FLAG) or unlocked an entry
-- (UNLOCK_ENTRY) on an ENTRY; red whether or not an approval number was logged (its absence is in evidence).
{%- set check = {
    'code': 'AP-HR-001',
    'module': 'auto_prompt',
    'business_line': 'high_risk_enforcement',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'OPS_LOG',
    'name_zh': '人工修改放行/布控标志',
    'name_en': 'Manual override of release or control flags',
    'attribution': 'officer = l.officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with operations as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where
        action in ('FORCE_RELEASE', 'CLEAR_CONTROL_FLAG', 'UNLOCK_ENTRY')
        and object_type = 'ENTRY'
        and {{ local_date('event_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

fired as (
    select
        operations.log_id::text as object_id,
        operations.event_ts,
        operations.officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'log_id', operations.log_id,
            'action', operations.action,
            'entry_id', operations.object_id,
            'system_code', operations.system_code,
            'terminal_id', operations.terminal_id,
            'status_before', operations.detail ->> 'status_before',
            'status_after', operations.detail ->> 'status_after',
            'approval_no', operations.detail ->> 'approval_no',
            'approval_missing', nullif(operations.detail ->> 'approval_no', '') is null,
            'entry_status_now', declarations.dec_status
        ) as evidence
    from operations
    left join declarations on operations.object_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
