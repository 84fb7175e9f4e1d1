{#- Extension checks (models/checks/extension/): shared helpers. -#}

{#- Rank of a credit class within its era (higher is better); NULL for an unknown or missing class. -#}
{% macro ext_credit_rank(cls) -%}
    (case {{ cls }}
        when 'D' then 1 when 'C' then 2 when 'B' then 3 when 'A' then 4 when 'AA' then 5
        when 'DISHONEST' then 1 when 'GENERAL' then 2 when 'GEN_CERT' then 3 when 'ADV_CERT' then 4
    end)
{%- endmacro %}
