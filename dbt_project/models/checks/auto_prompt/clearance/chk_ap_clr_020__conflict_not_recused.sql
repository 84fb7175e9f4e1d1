-- AP-CLR-020 关员办理存在利益冲突企业的业务: an officer performed a workflow step (or led / seconded an inspection)
-- that ended on the business day for an entry whose consignee, owner or declaring agent he has a declared interest
-- in, valid that day (未回避). One alert per entry, charged to the first such officer; all of them in evidence.
{%- set check = {
    'code': 'AP-CLR-020',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'relationship',
    'severity': 'red',
    'object_type': 'ENTRY',
    'name_zh': '关员办理存在利益冲突企业的业务',
    'name_en': 'Officer handled an enterprise he declared a conflict with',
    'attribution': 'officer = w.officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with workflow as (
    select * from {{ ref('stg_raw__dec_workflow') }}
    where
        officer_id is not null
        and {{ local_date('coalesce(end_ts, start_ts)') }} = {{ biz_date() }}
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where {{ local_date('end_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

conflicts as (
    select * from {{ ref('stg_raw__officer_conflict_declaration') }}
    where
        declared_date <= {{ biz_date() }}
        and coalesce(valid_to, date '9999-12-31') >= {{ biz_date() }}
),

handled as (
    select
        entry_id,
        officer_id,
        step_code as acted_as,
        coalesce(end_ts, start_ts) as acted_ts
    from workflow
    union all
    select
        entry_id,
        lead_officer_id as officer_id,
        'INSPECT_LEAD' as acted_as,
        end_ts as acted_ts
    from inspections
    union all
    select
        entry_id,
        second_officer_id as officer_id,
        'INSPECT_SECOND' as acted_as,
        end_ts as acted_ts
    from inspections
    where second_officer_id is not null
),

not_recused as (
    select
        handled.entry_id,
        handled.officer_id,
        handled.acted_as,
        handled.acted_ts,
        declarations.trade_co,
        conflicts.enterprise_code,
        conflicts.relation_type,
        conflicts.declared_date
    from handled
    inner join declarations on handled.entry_id = declarations.entry_id
    inner join conflicts
        on
            handled.officer_id = conflicts.officer_id
            and conflicts.enterprise_code in (declarations.trade_co, declarations.owner_code, declarations.agent_code)
),

first_per_entry as (
    select distinct on (entry_id)
        entry_id,
        officer_id,
        acted_ts,
        trade_co
    from not_recused
    order by entry_id asc, acted_ts asc, officer_id asc
),

all_per_entry as (
    select
        entry_id,
        jsonb_agg(
            jsonb_build_object(
                'officer_id', officer_id,
                'role', acted_as,
                'acted_ts', acted_ts,
                'enterprise_code', enterprise_code,
                'relation_type', relation_type,
                'declared_date', declared_date
            )
            order by acted_ts, officer_id, acted_as
        ) as conflicts
    from not_recused
    group by entry_id
),

fired as (
    select
        first_per_entry.entry_id as object_id,
        first_per_entry.acted_ts as event_ts,
        first_per_entry.officer_id,
        first_per_entry.trade_co as enterprise_code,
        jsonb_build_object('not_recused', all_per_entry.conflicts) as evidence
    from first_per_entry
    inner join all_per_entry on first_per_entry.entry_id = all_per_entry.entry_id
)

{{ emit_alerts('fired', check) }}
