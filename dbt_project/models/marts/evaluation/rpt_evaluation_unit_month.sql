-- 绩效评估: the evaluation measures per month and subordinate customs (domain_notes §2, P1–P6 and the P14
-- composite), the numbers a unit is ranked by. Officer-level measures are not here (supervisors only).
{%- set weights = var('evaluation_weights', {'density': 0.3, 'on_time_ack': 0.2, 'on_time_verify': 0.3,
                                              'feedback': 0.2}) %}
with outcomes as (
    select * from {{ ref('int_alert_outcome') }}
),

units as (
    select * from {{ ref('dim_org_unit') }}
    where unit_level = 'SUBORDINATE'
),

declared as (
    select
        declare_customs_code as subordinate_unit_code,
        date_trunc('month', declare_date)::date as eval_month,
        sum(entries_declared) as entries_declared
    from {{ ref('int_roll_entries_declared_daily') }}
    group by declare_customs_code, date_trunc('month', declare_date)
),

measured as (
    select
        eval_month,
        subordinate_unit_code,
        count(*) as alerts_issued,
        count(*) filter (where severity = 'red') as red_alerts,
        count(*) filter (where severity = 'orange') as orange_alerts,
        count(*) filter (where severity = 'yellow') as yellow_alerts,
        count(*) filter (where conclusion = 'CONFIRMED') as confirmed,
        count(*) filter (where conclusion = 'FALSE_POSITIVE') as false_positive,
        count(*) filter (where conclusion = 'JUSTIFIED') as justified,
        round(avg(acked_on_time::int), 4) as on_time_ack_rate,
        round(avg(verified_on_time::int), 4) as on_time_verify_rate,
        percentile_cont(0.5) within group (order by closure_workdays) as median_closure_workdays,
        round(
            count(*) filter (where disposed and feedback_with_evidence)::numeric
            / nullif(count(*) filter (where disposed), 0), 4
        ) as feedback_completeness,
        round(sum(reopened)::numeric / nullif(sum(conclusions), 0), 4) as overturned_rate
    from outcomes
    where subordinate_unit_code is not null
    group by eval_month, subordinate_unit_code
),

with_density as (
    select
        measured.*,
        units.unit_name_zh as subordinate_unit_name_zh,
        units.direct_customs_code,
        coalesce(declared.entries_declared, 0) as entries_declared,
        round(10000.0 * measured.confirmed / nullif(declared.entries_declared, 0), 4) as confirmed_per_10k_entries
    from measured
    left join units on measured.subordinate_unit_code = units.unit_code
    left join declared
        on measured.eval_month = declared.eval_month and measured.subordinate_unit_code = declared.subordinate_unit_code
),

scored as (
    select
        *,
        round((
            {{ weights.density }} * (1 - coalesce(percent_rank() over (
                partition by eval_month order by confirmed_per_10k_entries nulls first
            ), 0))
            + {{ weights.on_time_ack }} * coalesce(on_time_ack_rate, 0)
            + {{ weights.on_time_verify }} * coalesce(on_time_verify_rate, 0)
            + {{ weights.feedback }} * coalesce(feedback_completeness, 1)
        )::numeric * 100, 1) as composite_score
    from with_density
)

select
    *,
    rank() over (partition by eval_month order by composite_score desc) as unit_rank
from scored
