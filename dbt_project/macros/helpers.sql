{#-
  The helper functions of the check catalogue (source_model.md §13), written once. Checks call these instead of
  re-deriving working days, working hours, method ranks or trade-mode groups.
-#}

{#- WD(a, b): number of working days in (a::date, b::date], from the work calendar. -#}
{% macro workdays_between(a, b) -%}
    (
        select count(*)
        from {{ ref('stg_raw__work_calendar') }} as wd_cal
        where
            wd_cal.is_workday
            and wd_cal.cal_date > {{ local_date(a) }}
            and wd_cal.cal_date <= {{ local_date(b) }}
    )
{%- endmacro %}

{#- Same, for plain date expressions. -#}
{% macro workdays_between_dates(a, b) -%}
    (
        select count(*)
        from {{ ref('stg_raw__work_calendar') }} as wd_cal
        where wd_cal.is_workday and wd_cal.cal_date > ({{ a }})::date and wd_cal.cal_date <= ({{ b }})::date
    )
{%- endmacro %}

{#-
  WH(a, b): working hours between two timestamps, counting workdays between var wh_start and wh_end
  (default 08:30–17:30 local). b may be a date expression meaning "end of that day" via now_of().
-#}
{% macro working_hours_between(a, b) -%}
    (
        select coalesce(sum(
            greatest(0, extract(epoch from (
                least(({{ b }}) at time zone '{{ var("timezone") }}', wh_cal.cal_date + time '{{ var("wh_end") }}')
                - greatest(({{ a }}) at time zone '{{ var("timezone") }}', wh_cal.cal_date + time '{{ var("wh_start") }}')
            )))
        ), 0) / 3600.0
        from {{ ref('stg_raw__work_calendar') }} as wh_cal
        where
            wh_cal.is_workday
            and wh_cal.cal_date >= {{ local_date(a) }}
            and wh_cal.cal_date <= {{ local_date(b) }}
    )
{%- endmacro %}

{#- now_of(d): the end of local day d, as timestamptz (d + 1 day at 00:00 local). -#}
{% macro end_of_day(d) -%}
    ((({{ d }})::date + 1)::timestamp at time zone '{{ var("timezone") }}')
{%- endmacro %}

{#- The end of the business day: the moment "still open" is judged at. -#}
{% macro end_of_biz_date() -%}
    {{ end_of_day(biz_date()) }}
{%- endmacro %}

{#- method_rank: EXTERNAL 1 < MACHINE 2 < PARTIAL 3 < FULL 4. -#}
{% macro method_rank(method) -%}
    case {{ method }} when 'EXTERNAL' then 1 when 'MACHINE' then 2 when 'PARTIAL' then 3 when 'FULL' then 4 end
{%- endmacro %}

{#- Trade-mode groups of the catalogue (PT import / export / domestic-sale modes) as SQL lists. -#}
{% macro trade_modes(group) -%}
    {%- set groups = var('trade_mode_groups') -%}
    {%- if group not in groups -%}
        {{ exceptions.raise_compiler_error("unknown trade-mode group '" ~ group ~ "'") }}
    {%- endif -%}
    ({% for m in groups[group] %}'{{ m }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}

{#-
  is_off_duty(officer, ts): ts is inside none of the officer's on-duty shifts; on a day the officer has no roster
  row at all, ts is outside the working-hours window of a working day.
-#}
{% macro is_off_duty(officer_id, ts) -%}
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
            else {{ working_hours_between(ts, '(' ~ ts ~ " + interval '1 second')") }} = 0
        end
    )
{%- endmacro %}
