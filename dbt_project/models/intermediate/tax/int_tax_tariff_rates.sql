-- The tariff rows with the import rate the catalogue calls eff_rate(code_ts, ts) = COALESCE(provisional, MFN);
-- read through the macro eff_rate() (macros/tax.sql), which picks the row valid on the local date of ts.
with tariff as (
    select * from {{ ref('stg_raw__tariff_rate') }}
),

rated as (
    select
        code_ts,
        valid_from,
        valid_to,
        mfn_rate,
        provisional_rate,
        coalesce(provisional_rate, mfn_rate) as eff_rate,
        case when provisional_rate is not null then 'PROVISIONAL' else 'MFN' end as eff_rate_type
    from tariff
)

select * from rated
