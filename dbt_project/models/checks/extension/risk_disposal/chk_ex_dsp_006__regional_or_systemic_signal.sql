-- EX-DSP-006 区域性/系统性风险信号: per check_code over (:biz_date - :period_days, :biz_date]: the hl alerts per 10k
-- entries declared (DECLARE steps, by customs code → subordinate customs) of every subordinate customs with
-- entries. When >= :min_units subordinate units of one directly-affiliated customs reach the national p90 of that
-- rate (and are above 0) → a REGIONAL signal to that direct customs; when >= :min_direct direct customs reach the
-- p90 of the direct customs' rates → a SYSTEMIC signal to GACC. EX-DSP alerts are not counted. Charged to no
-- officer: the unit is in the evidence (unit_code).
{%- set check = {
    'code': 'EX-DSP-006', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'RISK_SIGNAL',
    'name_zh': '区域性/系统性风险信号', 'name_en': 'Regional or systemic risk signal',
    'attribution': 'directly-affiliated customs (regional) / GACC department (systemic)',
    'params': {'period_days': 90, 'min_units': 3, 'min_direct': 5},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select
        unit.subordinate_unit_code,
        unit.direct_customs_code,
        sum(daily.entries_declared) as entries
    from {{ ref('int_roll_dsp_entries_daily') }} as daily
    inner join {{ ref('int_ops_customs_unit') }} as unit on daily.customs_code = unit.customs_code
    where {{ in_window('daily.activity_date', check_param(check, 'period_days')) }}
    group by unit.subordinate_unit_code, unit.direct_customs_code
),

alerts as (
    select
        check_code,
        subordinate_unit_code,
        count(*) as n_alerts
    from {{ ref('int_dsp_alert_as_of') }}
    where
        check_code not like 'EX-DSP-%'
        and subordinate_unit_code is not null
        and {{ in_window('alert_biz_date', check_param(check, 'period_days')) }}
    group by check_code, subordinate_unit_code
),

alerted_checks as (
    select distinct check_code from alerts
),

unit_rates as (
    select
        alerted_checks.check_code,
        entries.subordinate_unit_code,
        entries.direct_customs_code,
        entries.entries,
        coalesce(alerts.n_alerts, 0) as n_alerts,
        coalesce(alerts.n_alerts, 0) * 10000.0 / entries.entries as rate
    from alerted_checks
    cross join entries
    left join alerts
        on
            alerted_checks.check_code = alerts.check_code
            and entries.subordinate_unit_code = alerts.subordinate_unit_code
    where entries.entries > 0
),

unit_p90 as (
    select
        check_code,
        percentile_cont(0.9) within group (order by rate) as p90
    from unit_rates
    group by check_code
),

regional as (
    select
        unit_rates.check_code,
        unit_rates.direct_customs_code,
        max(unit_p90.p90) as p90,
        count(*) as units_above,
        jsonb_agg(jsonb_build_object(
            'unit', unit_rates.subordinate_unit_code, 'alerts', unit_rates.n_alerts,
            'entries', unit_rates.entries, 'rate_per_10k', round(unit_rates.rate, 2)
        ) order by unit_rates.subordinate_unit_code) as units
    from unit_rates
    inner join unit_p90 on unit_rates.check_code = unit_p90.check_code
    where unit_rates.rate >= unit_p90.p90 and unit_rates.rate > 0
    group by unit_rates.check_code, unit_rates.direct_customs_code
),

direct_rates as (
    select
        check_code,
        direct_customs_code,
        sum(n_alerts) * 10000.0 / sum(entries) as rate
    from unit_rates
    group by check_code, direct_customs_code
),

direct_p90 as (
    select
        check_code,
        percentile_cont(0.9) within group (order by rate) as p90
    from direct_rates
    group by check_code
),

direct_above as (
    select
        direct_rates.check_code,
        count(*) as directs_above,
        jsonb_agg(direct_rates.direct_customs_code order by direct_rates.direct_customs_code) as directs
    from direct_rates
    inner join direct_p90 on direct_rates.check_code = direct_p90.check_code
    where direct_rates.rate >= direct_p90.p90 and direct_rates.rate > 0
    group by direct_rates.check_code
),

fired as (
    select
        'REGIONAL|' || check_code || '|' || direct_customs_code as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'signal', 'regional', 'signal_check_code', check_code, 'unit_code', direct_customs_code,
            'units_above_p90', units_above, 'min_units', {{ check_param(check, 'min_units') }},
            'national_p90_per_10k', round(p90::numeric, 2), 'units', units,
            'period_days', {{ check_param(check, 'period_days') }}
        ) as evidence
    from regional
    where units_above >= {{ check_param(check, 'min_units') }}
    union all
    select
        'SYSTEMIC|' || check_code as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'signal', 'systemic', 'signal_check_code', check_code, 'unit_code', 'GACC',
            'directs_above_p90', directs_above, 'min_direct', {{ check_param(check, 'min_direct') }},
            'directs', directs, 'period_days', {{ check_param(check, 'period_days') }}
        ) as evidence
    from direct_above
    where directs_above >= {{ check_param(check, 'min_direct') }}
)

{{ emit_alerts('fired', check) }}
