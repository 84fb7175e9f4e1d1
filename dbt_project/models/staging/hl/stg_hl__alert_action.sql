-- hl.alert_action, read as it stood when the night's dbt run started (before that night's issue/escalation step).
-- document_refs (text[]) is exposed as jsonb.
select
    action_id,
    alert_id,
    action_seq,
    action,
    actor_officer_id,
    actor_user,
    actor_role,
    ts,
    deadline_ts,
    next_deadline_ts,
    conclusion,
    disposal_measure,
    assignee_officer_id,
    note,
    related_alert_id,
    detail,
    to_jsonb(document_refs) as document_refs
from {{ source('hl', 'alert_action') }}
