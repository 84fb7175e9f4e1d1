-- Every hl alert issued by the end of the business day, with what its log says as of that moment (actions with
-- ts < end of :biz_date): issue, acknowledgement, report to discipline, latest verdict and disposal, close,
-- archive, escalation. The nightly dbt run sees the log as it stood before that night's issue/escalation step.
with alerts as (
    select * from {{ ref('stg_hl__alert') }}
),

actions as (
    select * from {{ ref('stg_hl__alert_action') }}
    where ts < {{ end_of_biz_date() }}
),

milestones as (
    select
        alert_id,
        min(ts) filter (where action = 'ISSUE') as issued_ts,
        min(ts) filter (where action = 'ACK') as acked_ts,
        min(ts) filter (where action = 'REPORT_DISCIPLINE') as reported_ts,
        max(ts) filter (where action = 'CLOSE') as closed_ts,
        min(ts) filter (where action = 'ARCHIVE') as archived_ts,
        min(ts) filter (where action = 'ESCALATE') as escalated_ts
    from actions
    group by alert_id
),

verdict as (
    select distinct on (alert_id)
        alert_id,
        conclusion,
        actor_officer_id as verifier_officer_id,
        ts as verified_ts
    from actions
    where action = 'VERIFY_RESULT'
    order by alert_id asc, action_seq desc
),

disposal as (
    select distinct on (alert_id)
        alert_id,
        disposal_measure,
        actor_officer_id as disposer_officer_id,
        ts as disposed_ts
    from actions
    where action = 'DISPOSE'
    order by alert_id asc, action_seq desc
)

select
    alerts.alert_id,
    alerts.alert_key,
    alerts.check_code,
    alerts.biz_date as alert_biz_date,
    alerts.severity,
    alerts.object_type,
    alerts.object_id,
    alerts.officer_id,
    alerts.post_code,
    alerts.section_unit_code,
    alerts.subordinate_unit_code,
    alerts.direct_customs_code,
    alerts.charged_unit_code,
    alerts.enterprise_code,
    alerts.evidence,
    alerts.parent_alert_id,
    milestones.issued_ts,
    milestones.acked_ts,
    milestones.reported_ts,
    milestones.closed_ts,
    milestones.archived_ts,
    milestones.escalated_ts,
    verdict.conclusion,
    verdict.verifier_officer_id,
    verdict.verified_ts,
    disposal.disposal_measure,
    disposal.disposer_officer_id,
    disposal.disposed_ts
from alerts
inner join milestones on alerts.alert_id = milestones.alert_id
left join verdict on alerts.alert_id = verdict.alert_id
left join disposal on alerts.alert_id = disposal.alert_id
where milestones.issued_ts is not null
