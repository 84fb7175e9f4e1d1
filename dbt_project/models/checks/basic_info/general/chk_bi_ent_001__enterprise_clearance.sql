-- BI-ENT-001 企业前一日通关情况: per subordinate customs and trade_co, the entries released on the business day —
-- count, value, how many were inspected or modified (approved MODIFY application), median hours declare →
-- release; the :top_n(50) enterprises by value per customs plus every :watched_enterprises one. Not an alert.
{%- set check = {
    'code': 'BI-ENT-001',
    'module': 'basic_info',
    'business_line': 'general',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'ENTERPRISE',
    'name_zh': '企业前一日通关情况',
    'name_en': 'Enterprise clearance, previous day',
    'attribution': 'subordinate customs',
    'params': {'top_n': 50, 'watched_enterprises': []},
} %}
{{ config(meta={'check': check}) }}
{%- set watched = check_param(check, 'watched_enterprises') %}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
),

modify_applications as (
    select * from {{ ref('int_ops_modify_applications') }}
    where apply_type = 'MODIFY' and decision = 'APPROVED'
),

customs_units as (
    select * from {{ ref('int_ops_customs_unit') }}
),

released as (
    select
        declarations.declare_customs_code,
        declarations.trade_co,
        declarations.entry_id,
        declarations.total_value_cny,
        extract(epoch from (releases.release_ts - declarations.declare_ts)) / 3600.0 as hours_to_release,
        exists(
            select 1 from inspections
            where inspections.entry_id = declarations.entry_id
        ) as was_inspected,
        exists(
            select 1 from modify_applications
            where modify_applications.entry_id = declarations.entry_id
        ) as was_modified
    from releases
    inner join declarations on releases.entry_id = declarations.entry_id
),

per_enterprise as (
    select
        declare_customs_code,
        trade_co,
        count(*) as n_entries,
        sum(total_value_cny) as value_cny,
        count(*) filter (where was_inspected) as n_inspected,
        count(*) filter (where was_modified) as n_modified,
        percentile_cont(0.5) within group (order by hours_to_release) as median_hours_to_release
    from released
    group by declare_customs_code, trade_co
),

ranked as (
    select
        *,
        rank() over (partition by declare_customs_code order by value_cny desc, trade_co asc) as value_rank,
        trade_co = any(array[
            {%- for code in watched %}'{{ code }}'{% if not loop.last %}, {% endif %}{% endfor -%}
        ]::text[]) as is_watched
    from per_enterprise
),

listed as (
    select
        'ENTERPRISE' as subject_type,
        ranked.trade_co as subject_id,
        ranked.declare_customs_code as breakdown,
        null::text as officer_id,
        customs_units.unit_code,
        ranked.trade_co as enterprise_code,
        null::timestamptz as event_ts,
        jsonb_build_object(
            'customs_code', ranked.declare_customs_code,
            'n_entries', ranked.n_entries,
            'value_cny', ranked.value_cny,
            'n_inspected', ranked.n_inspected,
            'n_modified', ranked.n_modified,
            'median_hours_to_release', round(ranked.median_hours_to_release::numeric, 2),
            'value_rank', ranked.value_rank,
            'is_watched', ranked.is_watched
        ) as metrics
    from ranked
    left join customs_units on ranked.declare_customs_code = customs_units.customs_code
    where ranked.value_rank <= {{ check_param(check, 'top_n') }} or ranked.is_watched
)

{{ emit_prompts('listed', check) }}
