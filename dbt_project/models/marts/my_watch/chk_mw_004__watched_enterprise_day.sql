-- MW-004 关注企业前一日通关分析: for enterprises watched (user_watch scope ENTERPRISE, check_code NULL or MW-004): every
-- entry of the enterprise (trader, owner or broker) with a workflow step finished on :biz_date — its steps with
-- their officers, field changes, modify/delete applications, control orders, inspection results, tax bills and
-- clearance hours (declare → release). flagged when a step of :biz_date was done by an officer who also did a
-- step on one of the enterprise's :k previous entries (declared before it): the repeated officers are listed.
{%- set check = {
    'code': 'MW-004', 'module': 'my_watch', 'business_line': 'general',
    'category': 'info', 'severity': 'yellow', 'object_type': 'WATCH_ITEM',
    'name_zh': '关注企业前一日通关分析', 'name_en': 'Watched enterprise: previous-day clearance',
    'attribution': 'officers who handled the entries', 'params': {'k': 3},
} %}
{{ config(meta={'check': check}) }}

with watches as {{ watch_rows('ENTERPRISE', 'MW-004') }},

declarations as (
    select
        watches.watch_id,
        watches.scope_value as enterprise_code,
        h.entry_id,
        h.declare_ts
    from watches
    inner join {{ ref('stg_raw__dec_head') }} as h
        on watches.scope_value in (h.trade_co, h.owner_code, h.agent_code)
),

steps as (
    select w.*
    from {{ ref('stg_raw__dec_workflow') }} as w
    where w.entry_id in (select declarations.entry_id from declarations)
),

touched as (
    select distinct
        declarations.watch_id,
        declarations.enterprise_code,
        declarations.entry_id,
        declarations.declare_ts
    from declarations
    inner join steps on declarations.entry_id = steps.entry_id
    where steps.end_ts is not null and {{ local_date('steps.end_ts') }} = {{ biz_date() }}
),

previous_officers as (
    select
        touched.watch_id,
        touched.entry_id,
        array_agg(distinct prev_steps.officer_id) as officers
    from touched
    cross join
        lateral (
            select d.entry_id from declarations as d
            where d.watch_id = touched.watch_id and d.declare_ts < touched.declare_ts
            order by d.declare_ts desc
            limit {{ check_param(check, 'k') }}
        ) as prev
    inner join steps as prev_steps on prev.entry_id = prev_steps.entry_id
    where prev_steps.officer_id is not null
    group by touched.watch_id, touched.entry_id
),

detail as (
    select
        touched.*,
        (
            select
                jsonb_agg(jsonb_build_object(
                    'step_seq', s.step_seq, 'step_code', s.step_code, 'officer_id', s.officer_id, 'end_ts', s.end_ts,
                    'repeated_officer', s.officer_id = any(coalesce(previous_officers.officers, array[]::text[]))
                ) order by s.step_seq)
            from steps as s
            where s.entry_id = touched.entry_id
        ) as step_list,
        (
            select array_agg(distinct s.officer_id) from steps as s
            where
                s.entry_id = touched.entry_id
                and s.end_ts is not null
                and {{ local_date('s.end_ts') }} = {{ biz_date() }}
                and s.officer_id = any(coalesce(previous_officers.officers, array[]::text[]))
        ) as repeated_officers,
        (
            select count(*) from {{ ref('stg_raw__dec_field_change') }} as fc
            where fc.entry_id = touched.entry_id
        ) as n_field_changes,
        (
            select count(*) from {{ ref('int_ops_modify_applications') }} as m
            where m.entry_id = touched.entry_id
        ) as n_modify_applications,
        (
            select count(*) from {{ ref('stg_raw__risk_control') }} as c
            where c.entry_id = touched.entry_id
        ) as n_controls,
        (
            select jsonb_agg(i.result) from {{ ref('stg_raw__inspection') }} as i
            where i.entry_id = touched.entry_id
        ) as inspection_results,
        (
            select sum(t.amount_cny) from {{ ref('stg_raw__tax_bill') }} as t
            where t.entry_id = touched.entry_id
        ) as tax_cny,
        (
            select max(s.end_ts) from steps as s
            where s.entry_id = touched.entry_id and s.step_code = 'RELEASE'
        ) as release_ts
    from touched
    left join previous_officers
        on touched.watch_id = previous_officers.watch_id and touched.entry_id = previous_officers.entry_id
),

rows_out as (
    select
        watches.watch_id,
        watches.user_name,
        watches.scope_type,
        watches.scope_value,
        watches.check_code as watched_check_code,
        'ENTRY' as item_type,
        detail.entry_id as item_id,
        detail.enterprise_code,
        null::text as severity,
        detail.repeated_officers[1] as officer_id,
        detail.repeated_officers is not null as flagged,
        jsonb_build_object(
            'steps', detail.step_list,
            'repeated_officers', to_jsonb(detail.repeated_officers),
            'n_field_changes', detail.n_field_changes,
            'n_modify_applications', detail.n_modify_applications,
            'n_controls', detail.n_controls,
            'inspection_results', detail.inspection_results,
            'tax_cny', detail.tax_cny,
            'clearance_hours', round(extract(epoch from detail.release_ts - detail.declare_ts)::numeric / 3600, 2)
        ) as metrics
    from watches
    inner join detail on watches.watch_id = detail.watch_id
)

{{ emit_watch('rows_out', check) }}
