{#-
  Tariff-review helpers (source_model.md §13), written once for the tariff_review checks and anyone else who needs
  them (MA-TAR-001/014, MA-CLR-008 …).
-#}

{#-
  eff_rate(code_ts, ts): the import duty rate of a commodity code at a time, COALESCE(provisional_rate, mfn_rate)
  of the tariff_rate row valid on the local date of ts (valid_from <= date <= valid_to, NULL valid_to = open).
  NULL when the code has no row valid then. code_ts may be any text expression (e.g. a dec_field_change value).
-#}
{% macro eff_rate(code_ts, ts) -%}
    (
        select er_rate.eff_rate
        from {{ ref('int_tax_tariff_rates') }} as er_rate
        where
            er_rate.code_ts = trim({{ code_ts }})
            and er_rate.valid_from <= {{ local_date(ts) }}
            and coalesce(er_rate.valid_to, date '9999-12-31') >= {{ local_date(ts) }}
        order by er_rate.valid_from desc
        limit 1
    )
{%- endmacro %}

{#- A text value as numeric, NULL when it is not a plain decimal number (dec_field_change values are text). -#}
{% macro numeric_or_null(value) -%}
    (case when trim({{ value }}) ~ '^[+-]?[0-9]+(\.[0-9]+)?$' then trim({{ value }})::numeric end)
{%- endmacro %}
