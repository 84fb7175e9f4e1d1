-- P11 rule precision per check: CONFIRMED / (CONFIRMED + FALSE_POSITIVE), with the outcome mix; feeds tuning.
with outcomes as (
    select * from {{ ref('int_alert_outcome') }}
),

checks as (
    select * from {{ ref('dim_risk_check') }}
)

select
    checks.check_code,
    checks.name_zh as check_name_zh,
    checks.business_line,
    count(outcomes.alert_id) as alerts_issued,
    count(*) filter (where outcomes.conclusion = 'CONFIRMED') as confirmed,
    count(*) filter (where outcomes.conclusion = 'FALSE_POSITIVE') as false_positive,
    count(*) filter (where outcomes.conclusion = 'JUSTIFIED') as justified,
    count(*) filter (where outcomes.alert_id is not null and outcomes.conclusion is null) as pending,
    count(*) filter (where outcomes.conclusion = 'CONFIRMED')::numeric
    / nullif(count(*) filter (where outcomes.conclusion in ('CONFIRMED', 'FALSE_POSITIVE')), 0) as precision_rate
from checks
left join outcomes on checks.check_code = outcomes.check_code
group by 1, 2, 3
