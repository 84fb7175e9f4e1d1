-- noqa: disable=LT02,LT09
-- The check catalog, derived from each check model's own declaration (config.meta.check) in the dbt graph.
{%- set checks = check_nodes() %}

with declared as (
    {%- for node in checks %}
    {%- set c = check_meta(node) %}
    select
        '{{ c.code }}'::text as check_code,
        '{{ c.module }}'::text as module,
        '{{ c.business_line }}'::text as business_line,
        '{{ c.category }}'::text as category,
        '{{ c.severity }}'::text as default_severity,
        '{{ c.object_type }}'::text as object_type,
        {{ dbt.string_literal(c.name_zh) }}::text as name_zh,
        {{ dbt.string_literal(c.name_en) }}::text as name_en,
        {{ dbt.string_literal(c.get('attribution', '')) }}::text as attribution,
        '{{ tojson(c.get("params", {})) }}'::jsonb as default_params,
        '{{ node.name }}'::text as model_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from declared
