-- 003 the current state of every alert, derived from the log (never stored, so it cannot drift from it).
-- The status is a function of the last state-changing action; REPORT_DISCIPLINE does not change the state.
create view hl.alert_state as
with last_step as (
    select distinct on (alert_id)
        alert_id,
        action,
        conclusion,
        ts,
        next_deadline_ts
    from hl.alert_action
    where action <> 'REPORT_DISCIPLINE'
    order by alert_id asc, action_seq desc
),

log_totals as (
    select
        alert_id,
        max(action_seq) as last_seq,
        max(ts) as last_action_ts
    from hl.alert_action
    group by alert_id
),

issued as (
    select
        alert_id,
        ts as issued_ts,
        (detail -> 'deadlines' ->> 'VERIFY_RESULT')::timestamptz as verify_due_ts,
        (detail -> 'deadlines' ->> 'REPORT_DISCIPLINE')::timestamptz as report_due_ts
    from hl.alert_action
    where action = 'ISSUE'
),

verifier as (
    select distinct on (alert_id)
        alert_id,
        assignee_officer_id
    from hl.alert_action
    where action = 'ASSIGN_VERIFY'
    order by alert_id asc, action_seq desc
),

verdict as (
    select distinct on (alert_id)
        alert_id,
        conclusion
    from hl.alert_action
    where action = 'VERIFY_RESULT'
    order by alert_id asc, action_seq desc
),

measure as (
    select distinct on (alert_id)
        alert_id,
        disposal_measure
    from hl.alert_action
    where action = 'DISPOSE'
    order by alert_id asc, action_seq desc
),

reported as (
    select
        alert_id,
        min(ts) as reported_ts
    from hl.alert_action
    where action = 'REPORT_DISCIPLINE'
    group by alert_id
),

escalations as (
    select
        parent_alert_id as alert_id,
        min(alert_id) as escalated_to_alert_id
    from hl.alert
    where parent_alert_id is not null
    group by parent_alert_id
)

select
    alert.*,
    case last_step.action
        when 'ISSUE' then 'OPEN'
        when 'ACK' then 'ACKED'
        when 'ASSIGN_VERIFY' then 'VERIFYING'
        when 'VERIFY_RESULT' then case when last_step.conclusion = 'CONFIRMED' then 'CONFIRMED' else 'CLEARED' end
        when 'DISPOSE' then 'DISPOSED'
        when 'FEEDBACK' then 'FEEDBACK_RECEIVED'
        when 'CLOSE' then 'CLOSED'
        when 'REOPEN' then 'VERIFYING'
        when 'ESCALATE' then 'ESCALATED'
        when 'ARCHIVE' then 'ARCHIVED'
        else 'NEW'
    end as status,
    last_step.action as last_step_action,
    last_step.ts as last_step_ts,
    last_step.next_deadline_ts as due_ts,
    coalesce(log_totals.last_seq, 0) as last_seq,
    log_totals.last_action_ts,
    issued.issued_ts,
    issued.verify_due_ts,
    issued.report_due_ts,
    reported.reported_ts,
    verifier.assignee_officer_id,
    verdict.conclusion,
    measure.disposal_measure,
    escalations.escalated_to_alert_id
from hl.alert as alert
left join last_step on alert.alert_id = last_step.alert_id
left join log_totals on alert.alert_id = log_totals.alert_id
left join issued on alert.alert_id = issued.alert_id
left join verifier on alert.alert_id = verifier.alert_id
left join verdict on alert.alert_id = verdict.alert_id
left join measure on alert.alert_id = measure.alert_id
left join reported on alert.alert_id = reported.alert_id
left join escalations on alert.alert_id = escalations.alert_id;

-- The subtree of a unit (itself included), for visibility checks in one query.
create function hl.unit_subtree(root text) returns setof text
language sql stable as $$
    with recursive tree as (
        select unit_code from hl.org_unit where unit_code = root
        union
        select child.unit_code from hl.org_unit as child join tree on child.parent_unit_code = tree.unit_code
    )
    select unit_code from tree
$$;
