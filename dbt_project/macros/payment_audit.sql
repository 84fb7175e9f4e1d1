{#-
  The payment-certificate audit pack (外挂系统 / plugin: payment_audit), domain_notes.md §4.
  Matching parameters are the tax administration's rules, shared by the matching model, the mart and the checks:
  a site overrides them with the dbt var `payment_audit: {"retention_months": 2, ...}`.
-#}

{% macro pa_param(name) -%}
    {%- set defaults = {
        'retention_months': 2,
        'retention_months_rechecked': 6,
        'recheck_days': 180,
    } -%}
    {%- set overrides = var('payment_audit', {}) -%}
    {%- if name not in defaults -%}
        {{ exceptions.raise_compiler_error("payment_audit declares no parameter '" ~ name ~ "'") }}
    {%- endif -%}
    {{ return(overrides.get(name, defaults[name])) }}
{%- endmacro %}

{#- §4.2: trim, upper-case, full-width dash (－, U+FF0D) to '-'. -#}
{% macro pa_cert_no(col) -%}
    upper(trim(replace({{ col }}, '－', '-')))
{%- endmacro %}

{#- Months from month(a) to month(b), both dates: the fill month is 0, the next month 1. -#}
{% macro pa_months_between(a, b) -%}
    ((extract(year from {{ b }}) * 12 + extract(month from {{ b }}))
    - (extract(year from {{ a }}) * 12 + extract(month from {{ a }})))::int
{%- endmacro %}

{#- The last day of the month of date d. -#}
{% macro pa_month_end(d) -%}
    ((date_trunc('month', {{ d }}) + interval '1 month')::date - 1)
{%- endmacro %}
