-- BI-GDS-002 前一日查验情况: per declaring customs × inspection site × method, the inspections finished on the
-- business day — count, containers, abnormal results (ABNORMAL/SEIZURE) — and the customs' inspection rate of
-- the day (distinct entries inspected / distinct entries released). Charged to the section that performed the
-- INSPECT step (else the subordinate customs). A daily list, not an alert.
{%- set check = {
    'code': 'BI-GDS-002',
    'module': 'basic_info',
    'business_line': 'clearance',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'SITE',
    'name_zh': '前一日查验情况',
    'name_en': 'Inspections, previous day',
    'attribution': 'subordinate customs; inspection section',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where {{ local_date('end_ts') }} = {{ biz_date() }}
),

releases as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

inspect_steps as (
    select * from {{ ref('int_entry_steps') }}
    where step_code = 'INSPECT'
),

customs_units as (
    select * from {{ ref('int_ops_customs_unit') }}
),

inspected as (
    select
        inspections.insp_id,
        inspections.entry_id,
        inspections.site_code,
        inspections.container_count,
        inspections.result,
        declarations.declare_customs_code,
        inspect_steps.section_unit_code as inspect_section,
        coalesce(inspections.method, 'UNKNOWN') as inspection_method
    from inspections
    inner join declarations on inspections.entry_id = declarations.entry_id
    left join inspect_steps on inspections.entry_id = inspect_steps.entry_id
),

released_per_customs as (
    select
        declarations.declare_customs_code,
        count(distinct releases.entry_id) as n_released_entries
    from releases
    inner join declarations on releases.entry_id = declarations.entry_id
    group by declarations.declare_customs_code
),

inspected_per_customs as (
    select
        declare_customs_code,
        count(distinct entry_id) as n_inspected_entries
    from inspected
    group by declare_customs_code
),

per_site_method as (
    select
        declare_customs_code,
        site_code,
        inspection_method,
        count(*) as n_inspections,
        coalesce(sum(container_count), 0) as containers,
        count(*) filter (where result in ('ABNORMAL', 'SEIZURE')) as n_abnormal,
        min(inspect_section) as inspect_section
    from inspected
    group by declare_customs_code, site_code, inspection_method
),

listed as (
    select
        'SITE' as subject_type,
        per_site_method.site_code as subject_id,
        null::text as officer_id,
        null::text as enterprise_code,
        null::timestamptz as event_ts,
        concat_ws('|', per_site_method.declare_customs_code, per_site_method.inspection_method) as breakdown,
        coalesce(per_site_method.inspect_section, customs_units.unit_code) as unit_code,
        jsonb_build_object(
            'customs_code', per_site_method.declare_customs_code,
            'method', per_site_method.inspection_method,
            'n_inspections', per_site_method.n_inspections,
            'containers', per_site_method.containers,
            'n_abnormal', per_site_method.n_abnormal,
            'customs_inspected_entries', inspected_per_customs.n_inspected_entries,
            'customs_released_entries', coalesce(released_per_customs.n_released_entries, 0),
            'customs_inspection_rate', round(
                inspected_per_customs.n_inspected_entries::numeric
                / nullif(released_per_customs.n_released_entries, 0),
                4
            )
        ) as metrics
    from per_site_method
    inner join inspected_per_customs
        on per_site_method.declare_customs_code = inspected_per_customs.declare_customs_code
    left join released_per_customs
        on per_site_method.declare_customs_code = released_per_customs.declare_customs_code
    left join customs_units on per_site_method.declare_customs_code = customs_units.customs_code
)

{{ emit_prompts('listed', check) }}
