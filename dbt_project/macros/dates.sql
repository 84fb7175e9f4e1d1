{#- The business day as a SQL date literal. -#}
{% macro biz_date() -%}
    date '{{ var("biz_date") }}'
{%- endmacro %}

{#- Local (Asia/Shanghai) calendar date of a timestamptz, independent of the session time zone. -#}
{% macro local_date(ts) -%}
    ({{ ts }} at time zone '{{ var("timezone") }}')::date
{%- endmacro %}
