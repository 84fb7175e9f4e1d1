-- AP-CLR-008 滞报未征收滞报金: an import accepted on the business day, declared more than :declare_days calendar days
-- after its conveyance's arrival, neither a consolidated list nor in transit, with no DECLARE_LATE fee, where the
-- fee (customs value × :fee_rate per day late) reaches the :min_fee_cny collection floor.
{%- set check = {
    'code': 'AP-CLR-008',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '滞报未征收滞报金',
    'name_en': 'Late import declaration without late-declaration fee',
    'attribution': 'officer = ACCEPT (or DOC_REVIEW) officer',
    'params': {'declare_days': 14, 'fee_rate': 0.0005, 'min_fee_cny': 50},
} %}
{{ config(meta={'check': check}) }}

with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

duty as (
    select * from {{ ref('int_entry_duty') }}
),

transits as (
    select * from {{ ref('stg_raw__transit') }}
),

late_fees as (
    select * from {{ ref('stg_raw__late_fee') }}
    where fee_type = 'DECLARE_LATE'
),

acceptances as (
    select distinct on (entry_id)
        entry_id,
        step_code,
        officer_id,
        end_ts
    from steps
    where step_code in ('ACCEPT', 'DOC_REVIEW') and end_ts is not null
    order by entry_id asc, step_code = 'ACCEPT' desc
),

accepted_imports as (
    select
        declarations.entry_id,
        declarations.trade_co,
        declarations.declare_ts,
        declarations.conveyance_arrival_ts,
        acceptances.step_code as accept_step,
        acceptances.officer_id as accept_officer_id,
        acceptances.end_ts as accept_ts,
        coalesce(duty.customs_value_cny, declarations.total_value_cny) as customs_value_cny,
        {{ local_date('declarations.declare_ts') }}
        - {{ local_date('declarations.conveyance_arrival_ts') }} as days_after_arrival
    from declarations
    inner join acceptances on declarations.entry_id = acceptances.entry_id
    left join duty on declarations.entry_id = duty.entry_id
    where
        declarations.ie_flag = 'I'
        and not declarations.is_concentrated
        and declarations.conveyance_arrival_ts is not null
        and {{ local_date('acceptances.end_ts') }} = {{ biz_date() }}
),

late as (
    select
        *,
        days_after_arrival - {{ check_param(check, 'declare_days') }} as days_late,
        round(
            customs_value_cny * {{ check_param(check, 'fee_rate') }}
            * (days_after_arrival - {{ check_param(check, 'declare_days') }}),
            2
        ) as expected_fee_cny
    from accepted_imports
    where days_after_arrival > {{ check_param(check, 'declare_days') }}
),

unlevied as (
    select *
    from late
    where
        expected_fee_cny >= {{ check_param(check, 'min_fee_cny') }}
        and not exists (
            select 1 from transits
            where late.entry_id = transits.entry_id
        )
        and not exists (
            select 1 from late_fees
            where late.entry_id = late_fees.entry_id
        )
),

fired as (
    select
        entry_id as object_id,
        accept_ts as event_ts,
        accept_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'declare_ts', declare_ts,
            'conveyance_arrival_ts', conveyance_arrival_ts,
            'days_after_arrival', days_after_arrival,
            'days_late', days_late,
            'customs_value_cny', customs_value_cny,
            'expected_fee_cny', expected_fee_cny,
            'accept_step', accept_step
        ) as evidence
    from unlevied
)

{{ emit_alerts('fired', check) }}
