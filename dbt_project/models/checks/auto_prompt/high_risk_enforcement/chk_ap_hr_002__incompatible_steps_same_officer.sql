-- AP-HR-002 不相容岗位同一人操作同一报关单: one officer acted on one entry in two roles whose posts are
-- incompatible (post.incompatible_posts, either direction), the later of the two acts on the business day. A role
-- is the post whose step_codes hold a workflow step, INSPECT for an inspection's lead or second officer,
-- INSPECT_ASSIGN for its assigning officer, CONTROL for the officer who issued a control order.
{%- set check = {
    'code': 'AP-HR-002',
    'module': 'auto_prompt',
    'business_line': 'high_risk_enforcement',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '不相容岗位同一人操作同一报关单',
    'name_en': 'Same officer performed incompatible steps on one entry',
    'attribution': 'officer = the shared officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
    where officer_id is not null
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
),

controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

post_roles as (
    select * from {{ ref('int_ops_post_roles') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

workflow_acts as (
    select
        workflow.entry_id,
        workflow.officer_id,
        post_roles.post_code as acting_post,
        'step ' || workflow.step_code as act,
        coalesce(workflow.end_ts, workflow.start_ts, workflow.queue_entered_ts) as act_ts
    from workflow
    inner join post_roles on post_roles.relation = 'STEP' and workflow.step_code = post_roles.related_code
),

inspection_acts as (
    select
        entry_id,
        lead_officer_id as officer_id,
        'INSPECT' as acting_post,
        'inspection lead officer' as act,
        coalesce(end_ts, start_ts, assign_ts) as act_ts
    from inspections
    union all
    select
        entry_id,
        second_officer_id as officer_id,
        'INSPECT' as acting_post,
        'inspection second officer' as act,
        coalesce(end_ts, start_ts, assign_ts) as act_ts
    from inspections
    union all
    select
        entry_id,
        assign_officer_id as officer_id,
        'INSPECT_ASSIGN' as acting_post,
        'inspection assignment' as act,
        assign_ts as act_ts
    from inspections
    union all
    select
        entry_id,
        issue_officer_id as officer_id,
        'CONTROL' as acting_post,
        'control order issued' as act,
        issue_ts as act_ts
    from controls
),

all_acts as (
    select * from workflow_acts
    union all
    select * from inspection_acts
),

entries_acted_on_today as (
    select distinct entry_id
    from all_acts
    where {{ local_date('act_ts') }} = {{ biz_date() }}
),

acts as (
    select all_acts.*
    from all_acts
    inner join entries_acted_on_today on all_acts.entry_id = entries_acted_on_today.entry_id
    where all_acts.officer_id is not null and all_acts.act_ts is not null
),

incompatible_pairs as (
    select
        first_act.entry_id,
        first_act.officer_id,
        first_act.acting_post as role_1,
        first_act.act as act_1,
        first_act.act_ts as act_ts_1,
        second_act.acting_post as role_2,
        second_act.act as act_2,
        second_act.act_ts as act_ts_2,
        greatest(first_act.act_ts, second_act.act_ts) as completed_ts
    from acts as first_act
    inner join acts as second_act
        on
            first_act.entry_id = second_act.entry_id
            and first_act.officer_id = second_act.officer_id
            and first_act.acting_post < second_act.acting_post
    inner join post_roles
        on
            post_roles.relation = 'INCOMPATIBLE'
            and first_act.acting_post = post_roles.post_code
            and second_act.acting_post = post_roles.related_code
    where
        {{ local_date('greatest(first_act.act_ts, second_act.act_ts)') }} = {{ biz_date() }}
),

first_per_entry as (
    select distinct on (entry_id)
        *,
        count(*) over (partition by entry_id) as n_pairs
    from incompatible_pairs
    order by entry_id asc, completed_ts asc, officer_id asc, role_1 asc, role_2 asc
),

fired as (
    select
        pair.entry_id as object_id,
        pair.completed_ts as event_ts,
        pair.officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'officer_id', pair.officer_id,
            'role_1', pair.role_1,
            'act_1', pair.act_1,
            'act_ts_1', pair.act_ts_1,
            'role_2', pair.role_2,
            'act_2', pair.act_2,
            'act_ts_2', pair.act_ts_2,
            'incompatible_pairs_on_entry', pair.n_pairs
        ) as evidence
    from first_per_entry as pair
    left join declarations on pair.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
