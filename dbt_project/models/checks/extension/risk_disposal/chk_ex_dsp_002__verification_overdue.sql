-- EX-DSP-002 核查超期未完成: an ASSIGN_VERIFY action x (as of the end of :biz_date) with no later VERIFY_RESULT on
-- its alert, where :biz_date > the local date of x's verification deadline. The deadline is the one the log
-- recorded for the step x opens (x.next_deadline_ts); when the log has none, x.ts + :d_yellow / :d_orange /
-- :d_red working days by the alert's colour. Alerts of the EX-DSP checks are not re-checked. Charged to the
-- assigned verifier (x.assignee_officer_id); the object is the ASSIGN_VERIFY action.
{%- set check = {
    'code': 'EX-DSP-002', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'timeliness', 'severity': 'orange', 'object_type': 'ALERT_ACTION',
    'name_zh': '核查超期未完成', 'name_en': 'Verification overdue',
    'attribution': 'verifier (x.actor assignee); section chief',
    'params': {'d_yellow': 10, 'd_orange': 5, 'd_red': 3},
} %}
{{ config(meta={'check': check}) }}

with actions as (
    select * from {{ ref('stg_hl__alert_action') }}
    where ts < {{ end_of_biz_date() }}
),

alerts as (
    select * from {{ ref('int_dsp_alert_as_of') }}
    where check_code not like 'EX-DSP-%'
),

calendar as (
    select
        cal_date,
        is_workday,
        count(*) filter (where is_workday) over (order by cal_date) as workday_no
    from {{ ref('stg_raw__work_calendar') }}
),

assignments as (
    select
        x.action_id,
        x.alert_id,
        x.action_seq,
        x.ts,
        x.assignee_officer_id,
        x.actor_officer_id,
        x.next_deadline_ts,
        alerts.severity,
        alerts.check_code,
        alerts.section_unit_code,
        alerts.enterprise_code,
        case alerts.severity
            when 'yellow' then {{ check_param(check, 'd_yellow') }}
            when 'orange' then {{ check_param(check, 'd_orange') }}
            else {{ check_param(check, 'd_red') }}
        end as allowed_workdays
    from actions as x
    inner join alerts on x.alert_id = alerts.alert_id
    where
        x.action = 'ASSIGN_VERIFY'
        and not exists (
            select 1 from actions as v
            where v.alert_id = x.alert_id and v.action = 'VERIFY_RESULT' and v.action_seq > x.action_seq
        )
),

due as (
    select
        assignments.*,
        coalesce(
            {{ local_date('assignments.next_deadline_ts') }},
            (
                select min(later.cal_date) from calendar as later
                where
                    later.is_workday
                    and later.workday_no >= (
                        select start_day.workday_no from calendar as start_day
                        where start_day.cal_date = {{ local_date('assignments.ts') }}
                    ) + assignments.allowed_workdays
            )
        ) as due_date
    from assignments
),

fired as (
    select
        due.action_id::text as object_id,
        due.ts as event_ts,
        due.assignee_officer_id as officer_id,
        due.enterprise_code,
        jsonb_build_object(
            'alert_id', due.alert_id,
            'alert_check_code', due.check_code,
            'alert_severity', due.severity,
            'assigned_ts', due.ts,
            'assigned_by', due.actor_officer_id,
            'due_date', due.due_date,
            'days_overdue', {{ biz_date() }} - due.due_date,
            'deadline_from_log', due.next_deadline_ts is not null,
            'section_unit_code', due.section_unit_code
        ) as evidence
    from due
    where {{ biz_date() }} > due.due_date
)

{{ emit_alerts('fired', check) }}
