{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where biz_date = {{ biz_date() }}{% endif %}",
        on_schema_change='append_new_columns',
        indexes=[
            {'columns': ['watch_item_key'], 'unique': true},
            {'columns': ['biz_date', 'user_name']},
        ],
    )
}}
-- noqa: disable=LT02,LT09
-- 我的关注 (my watch): every user's lists of every day, one row per subscription and item — the alerts of the
-- checks they subscribed to (MW-001), the watched officers' day (MW-002), commodities (MW-003) and enterprises
-- (MW-004). The lists are the chk_mw_*.sql models of models/marts/my_watch/ (macro registered_watch, generated).
-- Incremental: a night adds its own day; re-running a day first deletes that day's rows.
{%- set lists = registered_watch() %}

with listed_today as (
    {%- for name in lists %}
    select
        watch_item_key, check_code, biz_date, watch_id, user_name, scope_type, scope_value, watched_check_code,
        item_type, item_id, officer_id, enterprise_code, severity, flagged, metrics, params
    from {{ ref(name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from listed_today
