-- MA-PT-016 保证金先于核销退还: a manual whose deposit was released (deposit_released_ts) in the window
-- (biz_date - period_days, biz_date] while none of its verifications had closed at or before that moment. Charged to
-- the officer who released it: the officer of the PT-system operation-log row on the manual (object_type MANUAL,
-- object_id manual_no) closest at or before the release on the same local day, else no officer (the PT section of
-- the master customs, in the evidence).
{%- set check = {
    'code': 'MA-PT-016',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '保证金先于核销退还',
    'name_en': 'Deposit released before verification closed',
    'attribution': 'officer who released the deposit (ops_audit_log) / PT section',
    'params': {'period_days': 90},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where
        deposit_released_ts is not null
        and {{ in_window(local_date('deposit_released_ts'), check_param(check, 'period_days')) }}
),

verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
),

ops_log as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where object_type = 'MANUAL' and system_code = 'PT' and officer_id is not null
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

early as (
    select
        m.*,
        (
            select min(v.close_ts) from verifications as v
            where v.manual_no = m.manual_no
        ) as first_close_ts
    from manuals as m
    where not exists (
        select 1 from verifications as v
        where v.manual_no = m.manual_no and v.close_ts is not null and v.close_ts <= m.deposit_released_ts
    )
),

fired as (
    select
        early.manual_no as object_id,
        early.deposit_released_ts as event_ts,
        releaser.officer_id,
        early.trade_co as enterprise_code,
        jsonb_build_object(
            'deposit_mode', early.deposit_mode,
            'deposit_amount_cny', early.deposit_amount_cny,
            'deposit_released_ts', early.deposit_released_ts,
            'status', early.status,
            'first_close_ts', early.first_close_ts,
            'release_log_id', releaser.log_id,
            'release_action', releaser.action,
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from early
    left join lateral (
        select
            ops_log.officer_id,
            ops_log.log_id,
            ops_log.action
        from ops_log
        where
            ops_log.object_id = early.manual_no
            and ops_log.event_ts <= early.deposit_released_ts
            and {{ local_date('ops_log.event_ts') }} = {{ local_date('early.deposit_released_ts') }}
        order by ops_log.event_ts desc, ops_log.log_id desc
        limit 1
    ) as releaser on true
    left join sections on early.master_customs_code = sections.customs_code
)

{{ emit_alerts('fired', check) }}
