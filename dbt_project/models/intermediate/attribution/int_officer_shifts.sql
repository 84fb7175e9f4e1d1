-- Rostered shifts per officer (is_off_duty(officer, ts) = ts in none of them, or outside WH on a day without one).
with roster as (
    select * from {{ ref('stg_raw__officer_duty_roster') }}
),

shifts as (
    select
        officer_id,
        duty_date,
        duty_type,
        shift_start_ts,
        shift_end_ts,
        duty_type in ('normal', 'overtime', 'on_call') as is_on_duty
    from roster
)

select * from shifts
