-- MA-MNF-004 转关核销与指运地不符或无后续申报: a transit written off in the window (biz_date - period_days, biz_date]
-- (local write-off date) that arrived at a customs other than its destination (arrival_customs_code <>
-- dest_customs_code), or a DIRECT import transit whose goods have no declaration of the bill at the destination
-- customs declared by arrival_ts + dest_declare_days, once that deadline has passed (end of the business day).
-- Charged to the officer who confirmed the arrival.
{%- set check = {
    'code': 'MA-MNF-004',
    'module': 'monitor_analysis',
    'business_line': 'manifest_transit',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'TRANSIT',
    'name_zh': '转关核销与指运地不符或无后续申报',
    'name_en': 'Transit closed at wrong customs or without follow-up declaration',
    'attribution': 'officer = arrival_confirm_officer_id',
    'params': {'period_days': 30, 'dest_declare_days': 14},
} %}
{{ config(meta={'check': check}) }}

with transits as (
    select * from {{ ref('stg_raw__transit') }}
    where
        write_off_ts is not null
        and {{ in_window(local_date('write_off_ts'), check_param(check, 'period_days')) }}
),

declarations as (
    select
        entry_id,
        bill_no,
        declare_customs_code,
        declare_ts,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
    where bill_no in (select transits.bill_no from transits)
),

judged as (
    select
        transits.*,
        (transits.arrival_customs_code is distinct from transits.dest_customs_code) as wrong_customs,
        (
            transits.ie_flag = 'I'
            and transits.transit_mode = 'DIRECT'
            and transits.arrival_ts + interval '1 day' * {{ check_param(check, 'dest_declare_days') }}
            < {{ end_of_biz_date() }}
            and not exists (
                select 1 from declarations
                where
                    declarations.bill_no = transits.bill_no
                    and declarations.declare_customs_code = transits.dest_customs_code
                    and declarations.declare_ts
                    <= transits.arrival_ts + interval '1 day' * {{ check_param(check, 'dest_declare_days') }}
            )
        ) as no_follow_up
    from transits
),

fired as (
    select
        transit_no as object_id,
        write_off_ts as event_ts,
        arrival_confirm_officer_id as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'transit_mode', transit_mode,
            'ie_flag', ie_flag,
            'bill_no', bill_no,
            'start_customs_code', start_customs_code,
            'dest_customs_code', dest_customs_code,
            'arrival_customs_code', arrival_customs_code,
            'arrival_ts', arrival_ts,
            'write_off_ts', write_off_ts,
            'wrong_customs', wrong_customs,
            'no_follow_up_declaration', no_follow_up,
            'dest_declare_days', {{ check_param(check, 'dest_declare_days') }}
        ) as evidence
    from judged
    where wrong_customs or no_follow_up
)

{{ emit_alerts('fired', check) }}
