-- AP-TAR-011 担保到期未销保或转征税: a guarantee still PENDING on its first overdue day (due_date = business day -
-- grace_days), and again on every repeat_every_workdays-th working day after its due date while it stays pending.
{%- set check = {
    'code': 'AP-TAR-011',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'GUARANTEE',
    'name_zh': '担保到期未销保或转征税',
    'name_en': 'Guarantee past due neither released nor converted',
    'attribution': 'officer = g.accept_officer_id',
    'params': {'grace_days': 1, 'repeat_every_workdays': 5},
} %}
{{ config(meta={'check': check}) }}

with guarantees as (
    select * from {{ ref('stg_raw__guarantee') }}
    where outcome = 'PENDING' and due_date < {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

aged as (
    select
        guarantees.*,
        {{ workdays_between_dates('guarantees.due_date', biz_date()) }} as workdays_overdue,
        {{ workdays_between_dates(biz_date() ~ ' - 1', biz_date()) }} = 1 as is_workday
    from guarantees
),

overdue as (
    select *
    from aged
    where
        due_date = {{ biz_date() }} - {{ check_param(check, 'grace_days') }}
        or (
            is_workday
            and workdays_overdue > 0
            and workdays_overdue % {{ check_param(check, 'repeat_every_workdays') }} = 0
        )
),

fired as (
    select
        overdue.guar_id as object_id,
        {{ end_of_day('overdue.due_date') }} as event_ts,
        overdue.accept_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', overdue.entry_id,
            'guar_type', overdue.guar_type,
            'amount_cny', overdue.amount_cny,
            'accept_ts', overdue.accept_ts,
            'due_date', overdue.due_date,
            'extension_approved', overdue.extension_approved,
            'workdays_overdue', overdue.workdays_overdue
        ) as evidence
    from overdue
    left join declarations on overdue.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
