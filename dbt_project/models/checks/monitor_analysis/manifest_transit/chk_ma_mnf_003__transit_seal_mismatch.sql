-- MA-MNF-003 关锁不符仍核销转关: a transit written off in the window (biz_date - period_days, biz_date] (local
-- write-off date) whose arrival seal is missing or differs from the departure seal. Charged to the officer who
-- confirmed the arrival.
{%- set check = {
    'code': 'MA-MNF-003',
    'module': 'monitor_analysis',
    'business_line': 'manifest_transit',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'TRANSIT',
    'name_zh': '关锁不符仍核销转关',
    'name_en': 'Transit written off despite seal mismatch',
    'attribution': 'officer = arrival_confirm_officer_id',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with transits as (
    select * from {{ ref('stg_raw__transit') }}
    where
        write_off_ts is not null
        and {{ in_window(local_date('write_off_ts'), check_param(check, 'period_days')) }}
        and (seal_no_arrive is null or seal_no_arrive is distinct from seal_no_depart)
),

fired as (
    select
        transit_no as object_id,
        write_off_ts as event_ts,
        arrival_confirm_officer_id as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'transit_mode', transit_mode,
            'entry_id', entry_id,
            'bill_no', bill_no,
            'seal_no_depart', seal_no_depart,
            'seal_no_arrive', seal_no_arrive,
            'start_customs_code', start_customs_code,
            'arrival_customs_code', arrival_customs_code,
            'write_off_ts', write_off_ts
        ) as evidence
    from transits
)

{{ emit_alerts('fired', check) }}
