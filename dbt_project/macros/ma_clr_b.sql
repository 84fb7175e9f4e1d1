{#-
  is_off_duty(officer, ts) for MA-CLR-018 (helpers.sql's is_off_duty passes `ts + interval '1 second'` unparenthesised
  to working_hours_between, whose local_date() then applies AT TIME ZONE to the interval and fails on a day without a
  roster row). Same definition: ts in none of the officer's on-duty shifts; on a day without any roster row for the
  officer, ts outside the working-hours window of a working day.
-#}
{% macro ma_clr_b_is_off_duty(officer_id, ts) -%}
    (
        case
            when exists (
                select 1 from {{ ref('int_officer_shifts') }} as od_shift
                where od_shift.officer_id = {{ officer_id }} and od_shift.duty_date = {{ local_date(ts) }}
            )
                then not exists (
                    select 1 from {{ ref('int_officer_shifts') }} as od_shift
                    where
                        od_shift.officer_id = {{ officer_id }}
                        and od_shift.is_on_duty
                        and {{ ts }} >= od_shift.shift_start_ts
                        and {{ ts }} < od_shift.shift_end_ts
                )
            else {{ working_hours_between(ts, "(" ~ ts ~ " + interval '1 second')") }} = 0
        end
    )
{%- endmacro %}
