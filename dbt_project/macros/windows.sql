{#-
  Windows for the monitoring analyses (监控分析). A window of N days ending on the business day is the half-open
  range (biz_date - N, biz_date], as the catalogue writes it.
-#}
{% macro in_window(date_expr, days) -%}
    ({{ date_expr }} > {{ biz_date() }} - {{ days }} and {{ date_expr }} <= {{ biz_date() }})
{%- endmacro %}

{#-
  Rolling daily aggregates (models/intermediate/rolling/): an incremental model keyed by an activity date keeps one
  row per (activity date, dimensions). A night recomputes only the activity dates that the day's delivery touched
  (rows delivered with _biz_date = biz_date, including late or changed rows about earlier dates), so a 90-day
  window costs what the day costs. Use both macros in such a model:

      {{ config(materialized='incremental', incremental_strategy='append',
                pre_hook=rollup_delete_touched('activity_date', 'stg_raw__dec_workflow', 'end_ts')) }}
      ...
      where {{ rollup_dates_filter(local_date('w.end_ts'), 'stg_raw__dec_workflow', 'end_ts') }}
-#}
{% macro rollup_touched_dates(staging_model, ts_column) -%}
    (
        select distinct {{ local_date('touched.' ~ ts_column) }}
        from {{ ref(staging_model) }} as touched
        where touched._biz_date = {{ biz_date() }} and touched.{{ ts_column }} is not null
    )
{%- endmacro %}

{#- The activity dates this run (re)computes: all of them on a full build, the touched ones incrementally. -#}
{% macro rollup_dates_filter(date_expr, staging_model, ts_column) -%}
    {%- if is_incremental() -%}
        {{ date_expr }} in {{ rollup_touched_dates(staging_model, ts_column) }}
    {%- else -%}
        {{ date_expr }} <= {{ biz_date() }}
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: drop the rows of the touched activity dates, which the run then inserts again. -#}
{% macro rollup_delete_touched(date_column, staging_model, ts_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ date_column }} in {{ rollup_touched_dates(staging_model, ts_column) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
