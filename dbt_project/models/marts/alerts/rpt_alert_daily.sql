-- Alerts per day × check × severity × unit, with Chinese names: what the monitoring dashboard reads.
with alerts as (
    select * from {{ ref('fct_alert') }}
),

checks as (
    select * from {{ ref('dim_risk_check') }}
),

units as (
    select * from {{ ref('dim_org_unit') }}
),

counted as (
    select
        biz_date,
        check_code,
        severity,
        direct_customs_code,
        subordinate_unit_code,
        section_unit_code,
        count(*) as n_alerts
    from alerts
    group by 1, 2, 3, 4, 5, 6
),

labelled as (
    select
        counted.biz_date,
        counted.check_code,
        checks.name_zh as check_name_zh,
        checks.name_en as check_name_en,
        checks.module,
        checks.business_line,
        checks.category,
        counted.severity,
        counted.direct_customs_code,
        district.unit_name_zh as direct_customs_name_zh,
        counted.subordinate_unit_code,
        subordinate.unit_name_zh as subordinate_unit_name_zh,
        counted.section_unit_code,
        section.unit_name_zh as section_name_zh,
        counted.n_alerts
    from counted
    left join checks on counted.check_code = checks.check_code
    left join units as district on counted.direct_customs_code = district.unit_code
    left join units as subordinate on counted.subordinate_unit_code = subordinate.unit_code
    left join units as section on counted.section_unit_code = section.unit_code
)

select * from labelled
