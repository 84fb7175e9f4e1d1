-- AP-PT-004 台账保证金未按企业类别实转: a manual approved on the business day for an operating enterprise whose credit
-- class bars processing trade, or whose class requires a real (实转) deposit that the manual does not have.
{%- set check = {
    'code': 'AP-PT-004',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '台账保证金未按企业类别实转',
    'name_en': 'Deposit ledger not applied per enterprise class',
    'attribution': 'officer = m.approve_officer_id',
    'params': {'banned_classes': ['D', 'DISHONEST'], 'real_deposit_classes': ['C']},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where {{ local_date('approve_ts') }} = {{ biz_date() }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

breaches as (
    select
        manuals.*,
        enterprises.credit_class,
        case
            when enterprises.credit_class in {{ pt_sql_list(check_param(check, 'banned_classes')) }}
                then 'CLASS_BANNED'
            else 'REAL_DEPOSIT_REQUIRED'
        end as breach
    from manuals
    inner join enterprises on manuals.trade_co = enterprises.enterprise_code
    where
        enterprises.credit_class in {{ pt_sql_list(check_param(check, 'banned_classes')) }}
        or (
            enterprises.credit_class in {{ pt_sql_list(check_param(check, 'real_deposit_classes')) }}
            and manuals.deposit_mode <> 'REAL'
        )
),

fired as (
    select
        manual_no as object_id,
        approve_ts as event_ts,
        approve_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'breach', breach,
            'credit_class', credit_class,
            'deposit_mode', deposit_mode,
            'deposit_amount_cny', deposit_amount_cny,
            'manual_kind', manual_kind
        ) as evidence
    from breaches
)

{{ emit_alerts('fired', check) }}
