{#-
  is_off_duty(officer, ts) for the security checks (EX-SEC-*), same definition as helpers.sql's is_off_duty: ts is
  inside none of the officer's on-duty shifts; on a day the officer has no roster row at all, ts is outside the
  working-hours window of a working day. (helpers.sql's version builds "ts + interval '1 second'" without
  parentheses, which `at time zone` then binds to the interval: it does not compile when called.)
-#}
{% macro sec_is_off_duty(officer_id, ts) -%}
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
