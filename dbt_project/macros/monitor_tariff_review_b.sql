{#-
  Helpers of the tariff-review monitoring analyses MA-TAR-014..025 (models/checks/monitor_analysis/tariff_review).
-#}

{#-
  The first day of the fixed analysis period of `days` days that holds the business day (periods are counted from
  2000-01-01). Checks whose pattern is a whole unit (an officer's turnaround, a section's backlog) key their alert
  by unit and period, so a pattern that lasts is raised once per period, not every night.
-#}
{% macro ma_period_start(days) -%}
    ({{ biz_date() }} - (({{ biz_date() }} - date '2000-01-01') % {{ days }}))
{%- endmacro %}

{#- Noon (local) of a date, as timestamptz: the event time of an alert about a day. -#}
{% macro ma_noon(date_expr) -%}
    ((({{ date_expr }})::date + time '12:00') at time zone '{{ var("timezone") }}')
{%- endmacro %}
