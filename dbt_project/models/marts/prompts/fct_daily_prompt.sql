{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where biz_date = {{ biz_date() }}{% endif %}",
        on_schema_change='append_new_columns',
        indexes=[
            {'columns': ['prompt_key'], 'unique': true},
            {'columns': ['biz_date', 'check_code']},
        ],
    )
}}
-- noqa: disable=LT02,LT09
-- The basic-information prompts (基础信息提示) of every day: informational lists (workload, goods, inspections,
-- taxes, enterprises), one row per subject and breakdown. They are not alerts and never reach fct_alert.
-- The prompts are the models under models/checks/basic_info/ (macro registered_prompts, generated).
-- Incremental: a night adds its own day; re-running a day first deletes that day's rows.
{%- set prompts = registered_prompts() %}

with listed_today as (
    {%- for name in prompts %}
    select
        prompt_key, check_code, biz_date, subject_type, subject_id, officer_id, post_code, section_unit_code,
        subordinate_unit_code, direct_customs_code, enterprise_code, metrics, params
    from {{ ref(name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if prompts | length == 0 %}
    select
        null::text as prompt_key, null::text as check_code, null::date as biz_date, null::text as subject_type,
        null::text as subject_id, null::text as officer_id, null::text as post_code,
        null::text as section_unit_code, null::text as subordinate_unit_code, null::text as direct_customs_code,
        null::text as enterprise_code, null::jsonb as metrics, null::jsonb as params
    where false
    {%- endif %}
)

select * from listed_today
