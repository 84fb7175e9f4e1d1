{{
    config(
        indexes=[
            {'columns': ['biz_date']},
            {'columns': ['direct_customs_code', 'subordinate_unit_code']},
            {'columns': ['alert_key'], 'unique': true},
        ],
    )
}}
-- One row per alert with every dimension a supervisor filters on, in Chinese first: the combined-query (组合查询)
-- dashboard's detail table and export. Names are resolved here so the dashboard never joins at query time.
with alerts as (
    select * from {{ ref('fct_alert') }}
),

checks as (
    select * from {{ ref('dim_risk_check') }}
),

units as (
    select * from {{ ref('dim_org_unit') }}
),

labels as (
    select * from {{ ref('catalog_labels') }}
),

officers as (
    select
        officer_id,
        name_zh
    from {{ ref('stg_raw__officer') }}
),

enterprises as (
    select
        enterprise_code,
        name_zh
    from {{ ref('stg_raw__enterprise') }}
)

select
    alerts.alert_key,
    alerts.biz_date,
    alerts.first_seen_date,
    alerts.check_code,
    checks.name_zh as check_name_zh,
    checks.name_en as check_name_en,
    checks.module,
    module_label.name_zh as module_zh,
    checks.business_line,
    line_label.name_zh as business_line_zh,
    checks.category,
    category_label.name_zh as category_zh,
    alerts.severity,
    severity_label.name_zh as severity_zh,
    alerts.object_type,
    alerts.object_id,
    alerts.event_ts,
    alerts.enterprise_code,
    enterprises.name_zh as enterprise_name_zh,
    alerts.officer_id,
    officers.name_zh as officer_name_zh,
    alerts.post_code,
    alerts.section_unit_code,
    section.unit_name_zh as section_name_zh,
    alerts.subordinate_unit_code,
    subordinate.unit_name_zh as subordinate_unit_name_zh,
    alerts.direct_customs_code,
    district.unit_name_zh as direct_customs_name_zh,
    alerts.evidence::text as evidence
from alerts
left join checks on alerts.check_code = checks.check_code
left join labels as module_label on module_label.kind = 'module' and checks.module = module_label.code
left join labels as line_label on line_label.kind = 'business_line' and checks.business_line = line_label.code
left join labels as category_label on category_label.kind = 'category' and checks.category = category_label.code
left join labels as severity_label on severity_label.kind = 'severity' and alerts.severity = severity_label.code
left join officers on alerts.officer_id = officers.officer_id
left join enterprises on alerts.enterprise_code = enterprises.enterprise_code
left join units as section on alerts.section_unit_code = section.unit_code
left join units as subordinate on alerts.subordinate_unit_code = subordinate.unit_code
left join units as district on alerts.direct_customs_code = district.unit_code
