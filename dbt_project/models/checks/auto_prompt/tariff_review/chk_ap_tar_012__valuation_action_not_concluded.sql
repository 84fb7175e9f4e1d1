-- AP-TAR-012 价格质疑/磋商超期未结: a price challenge or consultation still open on the day it reaches max_workdays
-- working days after it was issued (the trader's 5 working days to answer included): raised on that working day,
-- the first crossing, only.
{%- set check = {
    'code': 'AP-TAR-012',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'VALUATION_ACTION',
    'name_zh': '价格质疑/磋商超期未结',
    'name_en': 'Price challenge or consultation not concluded in time',
    'attribution': 'officer = v.officer_id',
    'params': {'max_workdays': 15},
} %}
{{ config(meta={'check': check}) }}

with open_actions as (
    select * from {{ ref('stg_raw__valuation_action') }}
    where action_type in ('CHALLENGE', 'CONSULT') and closed_ts is null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

aged as (
    select
        open_actions.*,
        {{ workdays_between_dates(local_date('open_actions.action_ts'), biz_date()) }} as workdays_open,
        {{ workdays_between_dates(biz_date() ~ ' - 1', biz_date()) }} = 1 as is_workday
    from open_actions
),

overdue as (
    select *
    from aged
    where is_workday and workdays_open = {{ check_param(check, 'max_workdays') }}
),

fired as (
    select
        overdue.action_id as object_id,
        overdue.action_ts as event_ts,
        overdue.officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', overdue.entry_id,
            'g_no', overdue.g_no,
            'action_type', overdue.action_type,
            'action_ts', overdue.action_ts,
            'declared_unit_price', overdue.declared_unit_price,
            'workdays_open', overdue.workdays_open
        ) as evidence
    from overdue
    left join declarations on overdue.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
