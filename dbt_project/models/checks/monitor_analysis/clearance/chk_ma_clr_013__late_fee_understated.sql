-- MA-CLR-013 滞报天数或金额计算不实: a DECLARE_LATE fee created in the window (biz_date - :period_days, biz_date] whose
-- days_charged are fewer than the days late (local declare date - local conveyance arrival date - :declare_days), or
-- whose calc_amount_cny is below customs value (dec_head.total_value_cny) * :rate * days late * (1 - :tol).
{%- set check = {
    'code': 'MA-CLR-013',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'LATE_FEE',
    'name_zh': '滞报天数或金额计算不实',
    'name_en': 'Late-declaration fee days or amount understated',
    'attribution': 'officer who computed the fee (ACCEPT, else DOC_REVIEW, else TAX officer)',
    'params': {'period_days': 30, 'declare_days': 14, 'rate': 0.0005, 'tol': 0.01},
} %}
{{ config(meta={'check': check}) }}

with fees as (
    select * from {{ ref('stg_raw__late_fee') }}
    where fee_type = 'DECLARE_LATE' and {{ in_window(local_date('created_ts'), check_param(check, 'period_days')) }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

computing_officers as (
    select distinct on (steps.entry_id)
        steps.entry_id,
        steps.step_code,
        steps.officer_id
    from steps
    inner join fees on steps.entry_id = fees.entry_id
    where steps.step_code in ('ACCEPT', 'DOC_REVIEW', 'TAX') and steps.officer_id is not null
    order by steps.entry_id asc, array_position(array['ACCEPT', 'DOC_REVIEW', 'TAX'], steps.step_code::text)
),

expected as (
    select
        fees.*,
        declarations.trade_co,
        declarations.declare_ts,
        declarations.conveyance_arrival_ts,
        declarations.total_value_cny as customs_value_cny,
        {{ local_date('declarations.declare_ts') }} - {{ local_date('declarations.conveyance_arrival_ts') }}
        - {{ check_param(check, 'declare_days') }} as expected_days
    from fees
    inner join declarations on fees.entry_id = declarations.entry_id
    where declarations.conveyance_arrival_ts is not null
),

assessed as (
    select
        *,
        round(customs_value_cny * {{ check_param(check, 'rate') }} * expected_days, 2) as expected_amount_cny
    from expected
),

understated as (
    select *
    from assessed
    where
        expected_days > 0
        and (
            days_charged < expected_days
            or calc_amount_cny < expected_amount_cny * (1 - {{ check_param(check, 'tol') }})
        )
),

fired as (
    select
        understated.fee_id as object_id,
        understated.created_ts as event_ts,
        computing_officers.officer_id,
        understated.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', understated.entry_id,
            'declare_ts', understated.declare_ts,
            'conveyance_arrival_ts', understated.conveyance_arrival_ts,
            'days_charged', understated.days_charged,
            'expected_days', understated.expected_days,
            'calc_amount_cny', understated.calc_amount_cny,
            'expected_amount_cny', understated.expected_amount_cny,
            'customs_value_cny', understated.customs_value_cny,
            'tol', {{ check_param(check, 'tol') }},
            'computing_step', computing_officers.step_code
        ) as evidence
    from understated
    left join computing_officers on understated.entry_id = computing_officers.entry_id
)

{{ emit_alerts('fired', check) }}
