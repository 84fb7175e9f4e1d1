{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ asm_delete_touched_inspections() }}",
        indexes=[{'columns': ['insp_id']}, {'columns': ['end_date']}],
    )
}}
-- Inspections whose result is ABNORMAL or SEIZURE (查验异常/查获), one row each as it stands on the business day,
-- with the entry's trader and declaring customs: the base of MA-ASM-001, so its 60-day window does not re-read the
-- inspection history every night. A night recomputes only the inspections its delivery touched (every version
-- delivered with _biz_date = biz_date); a touched inspection whose result is no longer abnormal drops out.
with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
    where
        result in ('ABNORMAL', 'SEIZURE')
        and end_ts is not null
    {%- if is_incremental() %}
            and insp_id in {{ asm_touched_inspections() }}
        {%- endif %}
),

declarations as (
    select
        entry_id,
        trade_co,
        declare_customs_code
    from {{ ref('stg_raw__dec_head') }}
)

select
    inspections.insp_id,
    inspections.entry_id,
    {{ local_date('inspections.end_ts') }} as end_date,
    inspections.end_ts,
    inspections.lead_officer_id,
    inspections.second_officer_id,
    inspections.result,
    inspections.handling,
    inspections.handover_ts,
    inspections.est_tax_diff_cny,
    declarations.trade_co,
    declarations.declare_customs_code
from inspections
left join declarations on inspections.entry_id = declarations.entry_id
