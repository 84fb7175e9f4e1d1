-- EX-MNF-001 原始舱单传输超时未处罚: an import (original manifest, 原始舱单) bill created (main_data_ts, local date) in
-- the window (biz_date - period_days, biz_date] whose main data came after the deadline of its transport mode:
-- waterway container ship loading_ts - 24 h, other ship first_port_eta - 24 h; air: take-off (loading_ts) for
-- flights of at most 4 h, else first_port_eta - 4 h; rail first_port_eta - 2 h; road first_port_eta - 1 h (ETA
-- falls back on arrival_ts) — with no smuggling case against the transmitter (carrier/agent) filed since. Charged
-- to the manifest section of the manifest's customs (officer NULL; evidence.manifest_section).
{%- set check = {
    'code': 'EX-MNF-001',
    'module': 'extension',
    'business_line': 'manifest_transit',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'MANIFEST_BILL',
    'name_zh': '原始舱单传输超时未处罚',
    'name_en': 'Late manifest transmission not penalised',
    'attribution': 'manifest section',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with bills as (
    select * from {{ ref('stg_raw__manifest_bill') }}
    where {{ in_window(local_date('main_data_ts'), check_param(check, 'period_days')) }}
),

manifests as (
    select
        *,
        coalesce(first_port_eta, arrival_ts) as eta
    from {{ ref('stg_raw__manifest') }}
    where ie_flag = 'I'
),

deadlines as (
    select
        bills.manifest_id,
        bills.bill_no,
        bills.main_data_ts,
        manifests.traf_mode,
        manifests.is_container_vessel,
        manifests.customs_code,
        manifests.transmitter_code,
        manifests.loading_ts,
        manifests.eta,
        case
            when manifests.traf_mode = '2' and manifests.is_container_vessel
                then manifests.loading_ts - interval '24 hours'
            when manifests.traf_mode = '2'
                then manifests.eta - interval '24 hours'
            when manifests.traf_mode = '5' and manifests.eta - manifests.loading_ts <= interval '4 hours'
                then manifests.loading_ts
            when manifests.traf_mode = '5'
                then manifests.eta - interval '4 hours'
            when manifests.traf_mode = '3'
                then manifests.eta - interval '2 hours'
            when manifests.traf_mode = '4'
                then manifests.eta - interval '1 hour'
        end as deadline_ts
    from bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
),

cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'MANIFEST'
),

fired as (
    select
        deadlines.main_data_ts as event_ts,
        null::text as officer_id,
        deadlines.transmitter_code as enterprise_code,
        deadlines.manifest_id || '/' || deadlines.bill_no as object_id,
        jsonb_build_object(
            'manifest_id', deadlines.manifest_id,
            'bill_no', deadlines.bill_no,
            'traf_mode', deadlines.traf_mode,
            'is_container_vessel', deadlines.is_container_vessel,
            'main_data_ts', deadlines.main_data_ts,
            'deadline_ts', deadlines.deadline_ts,
            'hours_late', round(extract(epoch from deadlines.main_data_ts - deadlines.deadline_ts) / 3600.0, 2),
            'transmitter_code', deadlines.transmitter_code,
            'customs_code', deadlines.customs_code,
            'manifest_section', coalesce(post_sections.section_unit_code, deadlines.customs_code)
        ) as evidence
    from deadlines
    left join post_sections on deadlines.customs_code = post_sections.customs_code
    where
        deadlines.main_data_ts > deadlines.deadline_ts
        and not exists (
            select 1 from cases
            where cases.enterprise_code = deadlines.transmitter_code and cases.filing_ts >= deadlines.main_data_ts
        )
)

{{ emit_alerts('fired', check) }}
