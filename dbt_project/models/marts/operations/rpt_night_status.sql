-- How each night went: the latest load attempt of every business day (tables and rows loaded, failures) and its
-- validation (expectations evaluated, critical failures, warnings). The monitoring dashboard's "recent nights".
with loads as (
    select * from {{ source('pipeline', '_load_audit') }}
),

latest_run as (
    select distinct on (biz_date)
        biz_date,
        run_id
    from loads
    order by biz_date asc, recorded_at desc
),

load_summary as (
    select
        loads.biz_date,
        count(*) filter (where loads.outcome = 'LOADED') as tables_loaded,
        count(*) filter (where loads.outcome = 'FAILED') as tables_failed,
        coalesce(sum(loads.rows_loaded) filter (where loads.outcome = 'LOADED'), 0) as rows_loaded,
        max(loads.recorded_at) as loaded_at
    from loads
    inner join latest_run on loads.biz_date = latest_run.biz_date and loads.run_id = latest_run.run_id
    group by loads.biz_date
),

validations as (
    select
        biz_date,
        count(*) as expectations_evaluated,
        count(*) filter (where not success and severity = 'critical') as critical_failures,
        count(*) filter (where not success and severity <> 'critical') as warnings
    from {{ source('pipeline', '_validation_result') }}
    group by biz_date
)

select
    load_summary.biz_date,
    load_summary.tables_loaded,
    load_summary.tables_failed,
    load_summary.rows_loaded,
    load_summary.loaded_at,
    coalesce(validations.expectations_evaluated, 0) as expectations_evaluated,
    coalesce(validations.critical_failures, 0) as critical_failures,
    coalesce(validations.warnings, 0) as warnings,
    case
        when load_summary.tables_failed > 0 then '加载失败 load failed'
        when validations.critical_failures > 0 then '校验未通过 validation failed'
        when validations.biz_date is null then '未校验 not validated'
        else '正常 ok'
    end as night_status
from load_summary
left join validations on load_summary.biz_date = validations.biz_date
