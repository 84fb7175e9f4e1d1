{#-
  The check framework. A check model starts with its declaration,
      {%- set check = {'code': ..., 'module': ..., 'business_line': ..., 'category': ..., 'severity': ...,
                       'object_type': ..., 'name_zh': ..., 'name_en': ..., 'attribution': ..., 'params': {...}} %}
      {{ config(meta={'check': check}) }}
  and ends with `{{ emit_alerts('<cte>', check) }}`, where the CTE yields object_id, event_ts, officer_id,
  enterprise_code and evidence (jsonb). The declaration sits in the SQL (not the YAML) because dbt unit tests
  render the model without its YAML config; config(meta=...) still puts it in the graph for the catalog.
  Attribution (post, section, subordinate unit, district at event time) is resolved here, once for all checks.
-#}

{#- A node's declaration, for graph readers such as dim_risk_check. -#}
{% macro check_meta(node) -%}
    {{ return(node.config.meta.get('check', {})) }}
{%- endmacro %}

{#- Effective parameters: dbt var check_params[code][name] where set, else the declared default. -#}
{% macro check_params(check) -%}
    {%- set overrides = var('check_params', {}).get(check.code, {}) -%}
    {%- set effective = {} -%}
    {%- for name, default in check.get('params', {}).items() -%}
        {%- do effective.update({name: overrides.get(name, default)}) -%}
    {%- endfor -%}
    {{ return(effective) }}
{%- endmacro %}

{% macro check_param(check, name) -%}
    {%- set effective = check_params(check) -%}
    {%- if name not in effective -%}
        {{ exceptions.raise_compiler_error("check " ~ check.code ~ " declares no parameter '" ~ name ~ "'") }}
    {%- endif -%}
    {{ return(effective[name]) }}
{%- endmacro %}

{% macro emit_alerts(fired_cte, check) -%}
    {%- set meta = check -%}
    {%- set effective = check_params(check) %}
select
    md5(concat_ws('|', '{{ meta.code }}', '{{ meta.object_type }}', fired.object_id)) as alert_key,
    '{{ meta.code }}'::text as check_code,
    {{ biz_date() }} as biz_date,
    '{{ meta.severity }}'::text as severity,
    '{{ meta.object_type }}'::text as object_type,
    fired.object_id::text as object_id,
    fired.event_ts,
    fired.enterprise_code::text as enterprise_code,
    fired.officer_id::text as officer_id,
    attribution.post_code,
    attribution.section_unit_code,
    attribution.subordinate_unit_code,
    attribution.direct_customs_code,
    fired.evidence,
    '{{ tojson(effective) }}'::jsonb as params
from {{ fired_cte }} as fired
left join lateral (
    select
        a.post_code,
        a.section_unit_code,
        a.subordinate_unit_code,
        a.direct_customs_code
    from {{ ref('int_officer_attribution') }} as a
    where
        a.officer_id = fired.officer_id
        and {{ local_date('fired.event_ts') }} >= a.valid_from
        and {{ local_date('fired.event_ts') }} < coalesce(a.valid_to, date '9999-12-31')
    order by a.valid_from desc
    limit 1
) as attribution on true
{%- endmacro %}

{#-
  Every model tagged `check` (and the my-watch lists, tagged `watch`, which are declared like checks but built in
  the marts layer because they read fct_alert), read from the dbt graph: no hand-kept list anywhere.
-#}
{% macro check_nodes() -%}
    {%- set nodes = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() | sort(attribute='name') -%}
            {%- if node.resource_type == 'model' and ('check' in node.tags or 'watch' in node.tags)
                and node.config.enabled -%}
                {%- do nodes.append(node) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(nodes) }}
{%- endmacro %}
