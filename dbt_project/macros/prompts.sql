{#-
  Basic-information prompts (基础信息提示): informational daily lists — each officer's workload, goods cleared,
  inspections, taxes, enterprises — pushed every morning to section and unit heads. They are not alerts: they
  never reach marts.fct_alert, only marts.fct_daily_prompt.

  A prompt model is declared exactly like a check (see checks.sql):
      {%- set check = {'code': 'BI-WKL-001', 'module': 'basic_info', ..., 'params': {...}} %}
      {{ config(meta={'check': check}) }}
  so that dim_risk_check lists it, and ends with `{{ emit_prompts('<cte>', check) }}`, where the CTE yields:
      subject_type     OFFICER / SECTION / SUBORDINATE / DISTRICT / ENTERPRISE / SITE …
      subject_id       the subject's key (officer_id, unit code, customs code, enterprise code, site code …)
      breakdown        text that tells apart several rows of one subject on one day (a step code, a tax type,
                       'I|0110|2' …); NULL when the subject has one row
      officer_id       the officer the row is about (NULL for unit- or enterprise-level rows)
      unit_code        the org unit the row belongs to when it is not an officer (section, subordinate, district)
      enterprise_code  the enterprise the row is about, else NULL
      event_ts         when the officer held the post the row is charged to (NULL = the business day)
      metrics          jsonb: the figures of the row
  Officer rows are charged like alerts (post, section, subordinate, district the officer held that day, from
  int_officer_attribution); unit rows resolve their section / subordinate / district from int_ops_unit_hierarchy.
-#}

{% macro emit_prompts(prompts_cte, check) -%}
    {%- set effective = check_params(check) %}
select
    md5(concat_ws(
        '|', '{{ check.code }}', {{ biz_date() }}::text, prompts.subject_type, prompts.subject_id,
        coalesce(prompts.breakdown::text, '')
    )) as prompt_key,
    '{{ check.code }}'::text as check_code,
    {{ biz_date() }} as biz_date,
    prompts.subject_type::text as subject_type,
    prompts.subject_id::text as subject_id,
    prompts.officer_id::text as officer_id,
    attribution.post_code,
    coalesce(attribution.section_unit_code, unit.section_unit_code)::text as section_unit_code,
    coalesce(attribution.subordinate_unit_code, unit.subordinate_unit_code)::text as subordinate_unit_code,
    coalesce(attribution.direct_customs_code, unit.direct_customs_code)::text as direct_customs_code,
    prompts.enterprise_code::text as enterprise_code,
    prompts.metrics,
    '{{ tojson(effective) }}'::jsonb as params
from {{ prompts_cte }} as prompts
left join lateral (
    select
        a.post_code,
        a.section_unit_code,
        a.subordinate_unit_code,
        a.direct_customs_code
    from {{ ref('int_officer_attribution') }} as a
    where
        a.officer_id = prompts.officer_id
        and coalesce({{ local_date('prompts.event_ts') }}, {{ biz_date() }}) >= a.valid_from
        and coalesce({{ local_date('prompts.event_ts') }}, {{ biz_date() }}) < coalesce(a.valid_to, date '9999-12-31')
    order by a.valid_from desc
    limit 1
) as attribution on true
left join {{ ref('int_ops_unit_hierarchy') }} as unit
    on prompts.unit_code = unit.unit_code
{%- endmacro %}
