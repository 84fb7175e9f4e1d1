-- BI-GDS-004 前一日加工贸易业务量: per customs, the processing-trade work of the business day — manuals approved,
-- manual changes approved by change type, verifications reported / accepted / closed, deep-processing
-- transfers declared out / in, and entries released under the PT domestic-sale trade modes with their value.
-- Charged to the customs' processing-trade section (else the customs). A daily list, not an alert.
{%- set check = {
    'code': 'BI-GDS-004',
    'module': 'basic_info',
    'business_line': 'processing_trade',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'SUBORDINATE',
    'name_zh': '前一日加工贸易业务量',
    'name_en': 'Processing-trade activity, previous day',
    'attribution': 'processing-trade section',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

manual_changes as (
    select * from {{ ref('stg_raw__pt_manual_change') }}
    where {{ local_date('approve_ts') }} = {{ biz_date() }}
),

verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
),

transfers as (
    select * from {{ ref('stg_raw__pt_transfer') }}
),

releases as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where trade_mode in {{ trade_modes('pt_domestic_sale') }}
),

hierarchy as (
    select * from {{ ref('int_ops_unit_hierarchy') }}
),

customs_units as (
    select * from {{ ref('int_ops_customs_unit') }}
),

pt_events as (
    select
        master_customs_code as customs_code,
        'manuals_approved' as measure,
        null::numeric as value_cny
    from manuals
    where {{ local_date('approve_ts') }} = {{ biz_date() }}
    union all
    select
        manuals.master_customs_code as customs_code,
        'changes_approved_' || lower(manual_changes.change_type) as measure,
        null::numeric as value_cny
    from manual_changes
    inner join manuals on manual_changes.manual_no = manuals.manual_no
    union all
    select
        manuals.master_customs_code as customs_code,
        'verifications_reported' as measure,
        null::numeric as value_cny
    from verifications
    inner join manuals on verifications.manual_no = manuals.manual_no
    where {{ local_date('verifications.report_ts') }} = {{ biz_date() }}
    union all
    select
        manuals.master_customs_code as customs_code,
        'verifications_accepted' as measure,
        null::numeric as value_cny
    from verifications
    inner join manuals on verifications.manual_no = manuals.manual_no
    where {{ local_date('verifications.accept_ts') }} = {{ biz_date() }}
    union all
    select
        manuals.master_customs_code as customs_code,
        'verifications_closed' as measure,
        null::numeric as value_cny
    from verifications
    inner join manuals on verifications.manual_no = manuals.manual_no
    where {{ local_date('verifications.close_ts') }} = {{ biz_date() }}
    union all
    select
        out_customs_code as customs_code,
        'transfers_out_declared' as measure,
        null::numeric as value_cny
    from transfers
    where {{ local_date('out_declare_ts') }} = {{ biz_date() }}
    union all
    select
        in_customs_code as customs_code,
        'transfers_in_declared' as measure,
        null::numeric as value_cny
    from transfers
    where {{ local_date('in_declare_ts') }} = {{ biz_date() }}
    union all
    select
        declarations.declare_customs_code as customs_code,
        'domestic_sales_released' as measure,
        declarations.total_value_cny as value_cny
    from releases
    inner join declarations on releases.entry_id = declarations.entry_id
),

per_measure as (
    select
        customs_code,
        measure,
        count(*) as n,
        sum(value_cny) as value_cny
    from pt_events
    where customs_code is not null
    group by customs_code, measure
),

per_customs as (
    select
        customs_code,
        jsonb_object_agg(measure, n) as counts,
        coalesce(sum(value_cny), 0) as domestic_sales_value_cny
    from per_measure
    group by customs_code
),

pt_sections as (
    select
        subordinate_unit_code,
        min(unit_code) as section_unit_code
    from hierarchy
    where unit_level = 'SECTION' and business_line = 'processing_trade'
    group by subordinate_unit_code
),

listed as (
    select
        per_customs.customs_code as subject_id,
        null::text as breakdown,
        null::text as officer_id,
        null::text as enterprise_code,
        null::timestamptz as event_ts,
        case when customs_units.unit_level = 'DIRECT' then 'DISTRICT' else 'SUBORDINATE' end as subject_type,
        coalesce(pt_sections.section_unit_code, customs_units.unit_code) as unit_code,
        jsonb_build_object(
            'customs_code', per_customs.customs_code,
            'domestic_sales_value_cny', per_customs.domestic_sales_value_cny
        ) || per_customs.counts as metrics
    from per_customs
    left join customs_units on per_customs.customs_code = customs_units.customs_code
    left join pt_sections on customs_units.unit_code = pt_sections.subordinate_unit_code
)

{{ emit_prompts('listed', check) }}
