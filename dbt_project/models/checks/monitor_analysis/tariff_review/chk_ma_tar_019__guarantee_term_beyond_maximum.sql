-- MA-TAR-019 担保期限超过法定上限: a guarantee accepted in the window (biz_date - period_days, biz_date] (local date
-- of accept_ts) whose due_date is more than max_days days after the local acceptance date and whose extension was
-- not approved (extension_approved not true). One alert per guarantee, charged to the accepting officer.
{%- set check = {
    'code': 'MA-TAR-019',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'GUARANTEE',
    'name_zh': '担保期限超过法定上限',
    'name_en': 'Guarantee term beyond statutory maximum',
    'attribution': 'officer = g.accept_officer_id',
    'params': {'period_days': 30, 'max_days': 180},
} %}
{{ config(meta={'check': check}) }}

with guarantees as (
    select * from {{ ref('stg_raw__guarantee') }}
    where
        accept_ts is not null
        and due_date is not null
        and {{ in_window(local_date('accept_ts'), check_param(check, 'period_days')) }}
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

fired as (
    select
        guarantees.guar_id::text as object_id,
        guarantees.accept_ts as event_ts,
        guarantees.accept_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', guarantees.entry_id,
            'guar_type', guarantees.guar_type,
            'amount_cny', guarantees.amount_cny,
            'accept_date', {{ local_date('guarantees.accept_ts') }},
            'due_date', guarantees.due_date,
            'term_days', guarantees.due_date - {{ local_date('guarantees.accept_ts') }},
            'max_days', {{ check_param(check, 'max_days') }},
            'extension_approved', guarantees.extension_approved
        ) as evidence
    from guarantees
    left join declarations on guarantees.entry_id = declarations.entry_id
    where
        guarantees.due_date - {{ local_date('guarantees.accept_ts') }} > {{ check_param(check, 'max_days') }}
        and not coalesce(guarantees.extension_approved, false)
)

{{ emit_alerts('fired', check) }}
