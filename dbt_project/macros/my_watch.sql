{#-
  我的关注 (my watch, MW-*): per-user lists built from hl.user_watch (migration 005, keyed by the Superset user
  name) and the marts. A list model is declared like a check (config.meta.check, module my_watch) and ends with
  `{{ emit_watch('<cte>', check) }}`, where the CTE yields:
      watch_id, user_name, scope_type, scope_value, watched_check_code   the subscription row
      item_type, item_id   what the row is about (ALERT, ACTION_TYPE, HS_ORIGIN, ENTRY …)
      officer_id, enterprise_code, severity (NULL = the list's own), flagged (boolean), metrics (jsonb)
  The lists land in marts.fct_my_watch (registered_watch(), generated). They are not alerts: they never reach
  fct_alert and are never issued into hl.alert by the night.
-#}

{% macro emit_watch(items_cte, check) -%}
    {%- set effective = check_params(check) %}
select
    md5(concat_ws(
        '|', '{{ check.code }}', {{ biz_date() }}::text, items.watch_id::text, items.item_type, items.item_id
    )) as watch_item_key,
    '{{ check.code }}'::text as check_code,
    {{ biz_date() }} as biz_date,
    items.watch_id::bigint as watch_id,
    items.user_name::text as user_name,
    items.scope_type::text as scope_type,
    items.scope_value::text as scope_value,
    items.watched_check_code::text as watched_check_code,
    items.item_type::text as item_type,
    items.item_id::text as item_id,
    items.officer_id::text as officer_id,
    items.enterprise_code::text as enterprise_code,
    coalesce(items.severity::text, '{{ check.severity }}') as severity,
    coalesce(items.flagged, false) as flagged,
    items.metrics,
    '{{ tojson(effective) }}'::jsonb as params
from {{ items_cte }} as items
{%- endmacro %}

{#- The subscriptions a list serves: rows of scope_type `scope` whose check_code is NULL or the list's own code. -#}
{% macro watch_rows(scope, code) -%}
    (
        select * from {{ ref('stg_hl__user_watch') }}
        where scope_type = '{{ scope }}' and (check_code is null or check_code = '{{ code }}')
    )
{%- endmacro %}

{#- ts falls outside the working-hours window (var wh_start–wh_end on a working day of the calendar). -#}
{% macro outside_wh(ts) -%}
    (
        not exists (
            select 1 from {{ ref('stg_raw__work_calendar') }} as owh_cal
            where owh_cal.is_workday and owh_cal.cal_date = {{ local_date(ts) }}
        )
        or ({{ ts }} at time zone '{{ var("timezone") }}')::time < time '{{ var("wh_start") }}'
        or ({{ ts }} at time zone '{{ var("timezone") }}')::time >= time '{{ var("wh_end") }}'
    )
{%- endmacro %}
