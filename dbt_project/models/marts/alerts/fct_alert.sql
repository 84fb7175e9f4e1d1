{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where biz_date = {{ biz_date() }}{% endif %}",
        on_schema_change='append_new_columns',
        indexes=[
            {'columns': ['alert_key'], 'unique': true},
            {'columns': ['biz_date']},
        ],
    )
}}
-- noqa: disable=LT02,LT09
-- Every alert of every check, one row per (check, object): the checks are every model under models/checks/
-- (macro registered_checks, generated; a test checks it equals the models tagged `check`).
-- Incremental: a night adds its own day. An object already alerted on an earlier day is not raised again;
-- re-running a day first deletes that day's rows, so it gives exactly what a clean run gives.
{%- set checks = registered_checks() %}

with raised_today as (
    {%- for name in checks %}
    select
        alert_key, check_code, biz_date, severity, object_type, object_id, event_ts, enterprise_code,
        officer_id, post_code, section_unit_code, subordinate_unit_code, direct_customs_code, evidence, params
    from {{ ref(name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if checks | length == 0 %}
    select
        null::text as alert_key, null::text as check_code, null::date as biz_date, null::text as severity,
        null::text as object_type, null::text as object_id, null::timestamptz as event_ts,
        null::text as enterprise_code, null::text as officer_id, null::text as post_code,
        null::text as section_unit_code, null::text as subordinate_unit_code, null::text as direct_customs_code,
        null::jsonb as evidence, null::jsonb as params
    where false
    {%- endif %}
),

new_alerts as (
    select
        raised_today.*,
        raised_today.biz_date as first_seen_date
    from raised_today
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as earlier
        where earlier.alert_key = raised_today.alert_key and earlier.biz_date < raised_today.biz_date
    )
    {%- endif %}
)

select * from new_alerts
