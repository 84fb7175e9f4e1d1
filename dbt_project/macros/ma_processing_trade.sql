{#-
  Processing-trade monitoring analyses (MA-PT-*): the activity dates the rolling PT item base recomputes. An entry's
  row is keyed by its local declaration date; a night recomputes the declaration dates of every entry whose header,
  items or workflow were delivered that day (a release or review landing days after the declaration included).
-#}
{% macro ma_pt_touched_declare_dates() -%}
    (
        select {{ local_date('touched_head.declare_ts') }}
        from {{ ref('stg_raw__dec_head') }} as touched_head
        where
            touched_head.entry_id in (
                select touched_wf.entry_id from {{ ref('stg_raw__dec_workflow') }} as touched_wf
                where touched_wf._biz_date = {{ biz_date() }}
                union
                select touched_item.entry_id from {{ ref('stg_raw__dec_item') }} as touched_item
                where touched_item._biz_date = {{ biz_date() }}
            )
            or touched_head._biz_date = {{ biz_date() }}
    )
{%- endmacro %}

{% macro ma_pt_dates_filter(date_expr) -%}
    {%- if is_incremental() -%}
        {{ date_expr }} in {{ ma_pt_touched_declare_dates() }}
    {%- else -%}
        {{ date_expr }} <= {{ biz_date() }}
    {%- endif -%}
{%- endmacro %}

{% macro ma_pt_delete_touched(date_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ date_column }} in {{ ma_pt_touched_declare_dates() }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
