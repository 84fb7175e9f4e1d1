{#-
  Helpers of the clearance monitoring analyses MA-CLR-001 … 011 and their rolling models
  (models/intermediate/rolling/int_roll_ma_clr_a_*).

  A rolling model that prefilters with a check's threshold reads the check's effective parameter (declared default,
  or the dbt var check_params override) from the dbt graph, so the check and its rolling model never disagree.
  Changing such a parameter needs `--full-refresh` of the rolling model. Row-level findings models (MA-CLR-007, -011)
  are re-filtered by their check with the same threshold; the daily counts of MA-CLR-003/004 are used as counted.
-#}
{% macro ma_clr_a_check_param(code, name) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.config.meta.get('check', {}).get('code') == code -%}
            {{ return(check_param(node.config.meta['check'], name)) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("no check model declares code " ~ code) }}
{%- endmacro %}

{#- A list of strings as a SQL list: ('28', '29'). -#}
{% macro ma_clr_a_sql_list(values) -%}
    ({% for v in (values or []) %}'{{ v }}'{% if not loop.last %}, {% endif %}{% else %}null{% endfor %})
{%- endmacro %}

{#-
  Rolling models fed by several staging models: the activity dates touched by the day's delivery of any of them
  (rows delivered with _biz_date = biz_date). `sources` is a list of [staging_model, ts_column].
-#}
{% macro ma_clr_a_touched_dates(sources) -%}
    (
        {%- for s in sources %}
        select {{ local_date('touched.' ~ s[1]) }} as touched_date
        from {{ ref(s[0]) }} as touched
        where touched._biz_date = {{ biz_date() }} and touched.{{ s[1] }} is not null
        {%- if not loop.last %}
        union
        {%- endif %}
        {%- endfor %}
    )
{%- endmacro %}

{% macro ma_clr_a_dates_filter(date_expr, sources) -%}
    {%- if is_incremental() -%}
        {{ date_expr }} in (select touched_date from {{ ma_clr_a_touched_dates(sources) }} as td)
    {%- else -%}
        {{ date_expr }} <= {{ biz_date() }}
    {%- endif -%}
{%- endmacro %}

{% macro ma_clr_a_delete_touched(date_column, sources) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ date_column }} in (select touched_date from {{ ma_clr_a_touched_dates(sources) }} as td)
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
