{#-
  How a raw table becomes "the state as of the business day", by the contract's delivery kind:
  reference: the latest full snapshot delivered on or before the day;
  state:     the latest version of each key delivered on or before the day, deletions dropped;
  event:     every row delivered on or before the day.
-#}
{% macro reference_snapshot(source_name, table_name) -%}
    select *
    from {{ source(source_name, table_name) }}
    where _biz_date = (
        select max(_biz_date) from {{ source(source_name, table_name) }}
        where _biz_date <= {{ biz_date() }}
    )
    and not record_deleted
{%- endmacro %}

{% macro current_state(source_name, table_name, key_columns, change_column) -%}
    select *
    from (
        select distinct on ({{ key_columns | join(', ') }}) *
        from {{ source(source_name, table_name) }}
        where _biz_date <= {{ biz_date() }}
        order by {{ key_columns | join(', ') }}, _biz_date desc, {{ change_column }} desc
    ) as latest
    where not record_deleted
{%- endmacro %}

{% macro delivered_events(source_name, table_name) -%}
    select *
    from {{ source(source_name, table_name) }}
    where _biz_date <= {{ biz_date() }}
{%- endmacro %}
