-- EX-SEC-002 超出岗位权限操作: a manual dec_workflow step finished on :biz_date by an officer none of whose posts
-- held at that time (officer_post_assignment, via int_officer_attribution) lists the step in post.step_codes.
-- Interpretation: ops_audit_log actions carry no step_code, so only workflow steps are judged. One alert per
-- officer and entry (object officer|entry_id); charged to the officer.
{%- set check = {
    'code': 'EX-SEC-002', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'OFFICER_ENTRY',
    'name_zh': '超出岗位权限操作', 'name_en': 'Operation outside assigned post',
    'attribution': 'officer', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with steps as (
    select * from {{ ref('stg_raw__dec_workflow') }}
    where
        officer_id is not null
        and end_ts is not null
        and {{ local_date('end_ts') }} = {{ biz_date() }}
),

held as (
    select * from {{ ref('int_officer_attribution') }}
),

roles as (
    select * from {{ ref('int_ops_post_roles') }}
    where relation = 'STEP'
),

outside as (
    select
        steps.officer_id,
        steps.entry_id,
        steps.step_seq,
        steps.step_code,
        steps.end_ts,
        (
            select jsonb_agg(distinct h.post_code) from held as h
            where
                h.officer_id = steps.officer_id
                and {{ local_date('steps.end_ts') }} >= h.valid_from
                and {{ local_date('steps.end_ts') }} < coalesce(h.valid_to, date '9999-12-31')
        ) as posts_held
    from steps
    where not exists (
        select 1 from held
        inner join roles on held.post_code = roles.post_code
        where
            held.officer_id = steps.officer_id
            and roles.related_code = steps.step_code
            and {{ local_date('steps.end_ts') }} >= held.valid_from
            and {{ local_date('steps.end_ts') }} < coalesce(held.valid_to, date '9999-12-31')
    )
),

fired as (
    select
        outside.officer_id,
        outside.officer_id || '|' || outside.entry_id as object_id,
        min(outside.end_ts) as event_ts,
        max(declarations.trade_co) as enterprise_code,
        jsonb_build_object(
            'entry_id', outside.entry_id,
            'steps', jsonb_agg(jsonb_build_object(
                'step_seq', outside.step_seq, 'step_code', outside.step_code, 'end_ts', outside.end_ts
            ) order by outside.step_seq),
            'posts_held', max(outside.posts_held::text)::jsonb
        ) as evidence
    from outside
    left join {{ ref('stg_raw__dec_head') }} as declarations on outside.entry_id = declarations.entry_id
    group by outside.officer_id, outside.entry_id
)

{{ emit_alerts('fired', check) }}
