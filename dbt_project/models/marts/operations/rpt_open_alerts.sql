-- Open dispositions by unit, colour and age (working days since issue is not needed here: calendar days bucket
-- the backlog), with how many are past their deadline at the end of the business day. Monitoring's backlog view.
with open_alerts as (
    select * from {{ source('disposition', 'alert_state') }}
    where status in ('OPEN', 'ACKED', 'VERIFYING', 'CONFIRMED', 'CLEARED', 'DISPOSED', 'FEEDBACK_RECEIVED')
),

units as (
    select * from {{ ref('dim_org_unit') }}
),

aged as (
    select
        open_alerts.*,
        {{ biz_date() }} - {{ local_date('open_alerts.issued_ts') }} as age_days,
        coalesce(open_alerts.due_ts < {{ end_of_biz_date() }}, false) as is_overdue
    from open_alerts
)

select
    {{ biz_date() }} as as_of_date,
    aged.direct_customs_code,
    aged.subordinate_unit_code,
    aged.section_unit_code,
    coalesce(subordinate.unit_name_zh, district.unit_name_zh, '未归属') as unit_name_zh,
    aged.severity,
    case
        when aged.age_days <= 5 then '0-5 天'
        when aged.age_days <= 15 then '6-15 天'
        when aged.age_days <= 30 then '16-30 天'
        else '30 天以上'
    end as age_bucket,
    count(*) as open_alerts,
    count(*) filter (where aged.is_overdue) as overdue_alerts
from aged
left join units as subordinate on aged.subordinate_unit_code = subordinate.unit_code
left join units as district on aged.direct_customs_code = district.unit_code
group by 1, 2, 3, 4, 5, 6, 7
