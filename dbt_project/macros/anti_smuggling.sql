{#- The inspections a night's delivery touched (any version delivered on the business day): int_roll_asm_*. -#}
{% macro asm_touched_inspections() -%}
    (
        select touched.insp_id
        from {{ ref('stg_raw__inspection') }} as touched
        where touched._biz_date = {{ biz_date() }}
    )
{%- endmacro %}

{#- Pre-hook of int_roll_asm_abnormal_inspection: drop the touched inspections, which the run then re-inserts. -#}
{% macro asm_delete_touched_inspections() -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where insp_id in {{ asm_touched_inspections() }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
