-- One row per disposed-of alert: what the action log says happened to it, with the timeliness of each step.
-- The evaluation measures (domain_notes §2) are counted from here.
with alerts as (
    select * from {{ source('disposition', 'alert') }}
),

actions as (
    select * from {{ source('disposition', 'alert_action') }}
),

per_alert as (
    select
        alert_id,
        min(ts) filter (where action = 'ISSUE') as issued_ts,
        min(ts) filter (where action = 'ACK') as acked_ts,
        bool_or(ts <= deadline_ts) filter (where action = 'ACK') as acked_on_time,
        min(ts) filter (where action = 'VERIFY_RESULT') as verified_ts,
        bool_or(ts <= deadline_ts) filter (where action = 'VERIFY_RESULT') as verified_on_time,
        (array_agg(conclusion order by action_seq desc) filter (where action = 'VERIFY_RESULT'))[1] as conclusion,
        count(*) filter (where action = 'VERIFY_RESULT') as conclusions,
        count(*) filter (where action = 'REOPEN') as reopened,
        bool_or(action = 'DISPOSE') as disposed,
        bool_or(action = 'FEEDBACK' and cardinality(document_refs) > 0) as feedback_with_evidence,
        max(ts) filter (where action = 'CLOSE') as closed_ts,
        min(deadline_ts) filter (where action = 'ACK') as ack_deadline_ts
    from actions
    group by alert_id
)

select
    alerts.alert_id,
    alerts.check_code,
    alerts.severity,
    alerts.biz_date,
    date_trunc('month', alerts.biz_date)::date as eval_month,
    alerts.officer_id,
    alerts.subordinate_unit_code,
    alerts.direct_customs_code,
    alerts.charged_unit_code,
    per_alert.issued_ts,
    per_alert.acked_ts,
    coalesce(per_alert.acked_on_time, false) as acked_on_time,
    per_alert.verified_ts,
    coalesce(per_alert.verified_on_time, false) as verified_on_time,
    per_alert.conclusion,
    per_alert.conclusions,
    per_alert.reopened,
    coalesce(per_alert.disposed, false) as disposed,
    coalesce(per_alert.feedback_with_evidence, false) as feedback_with_evidence,
    per_alert.closed_ts,
    case
        when per_alert.closed_ts is not null
            then {{ workdays_between('per_alert.issued_ts', 'per_alert.closed_ts') }}
    end as closure_workdays
from alerts
inner join per_alert on alerts.alert_id = per_alert.alert_id
where alerts.parent_alert_id is null  -- an escalated copy is the same case, counted once
