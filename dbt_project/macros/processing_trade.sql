{#-
  Processing-trade (加工贸易) helpers for the AP-PT checks. The catalogue's PT import / export / domestic-sale groups
  come from trade_modes() in helpers.sql; these are the smaller literal groups the rules name.
-#}

{#- A list parameter as a SQL list; an empty list matches nothing (x in (...) false, x not in (...) true). -#}
{% macro pt_sql_list(values) -%}
    {%- if values | length == 0 -%}
        (select null::text where false)
    {%- else -%}
        ({% for v in values %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor %})
    {%- endif -%}
{%- endmacro %}

{#- 来料/进料成品退换: returned or exchanged finished products, registered against EXG items. -#}
{% macro pt_product_return_modes() -%}
    ('4400', '4600')
{%- endmacro %}

{#- 料件内销 and 边角料内销: domestic sales that need a 内销征税联系单 (AP-PT-008/009). -#}
{% macro pt_domestic_sale_approval_modes() -%}
    ('0245', '0644', '0844', '0845')
{%- endmacro %}

{#- 边角料内销: scrap sold domestically (AP-PT-022). -#}
{% macro pt_scrap_sale_modes() -%}
    ('0844', '0845')
{%- endmacro %}

{#- 余料结转: leftover materials carried into another manual (AP-PT-014). -#}
{% macro pt_leftover_transfer_modes() -%}
    ('0258', '0657')
{%- endmacro %}

{#- Ways leftover materials leave a manual at close (AP-PT-011): leftover transfer, domestic sale, re-export, abandonment. -#}
{% macro pt_leftover_disposition_modes() -%}
    ('0258', '0657', '0245', '0644', '0265', '0664', '0200')
{%- endmacro %}

{#- Quantity in kilograms of a declaration item: its first statutory quantity when that unit is 035 (千克). -#}
{% macro pt_item_kg(item) -%}
    case when {{ item }}.unit_1 = '035' then {{ item }}.qty_1 end
{%- endmacro %}
