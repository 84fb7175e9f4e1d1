-- MA-MNF-005 舱单货物未申报即提离: an import bill (manifest ie_flag I) whose goods left the yard (gate_out_ts, local
-- date) in the window (biz_date - period_days, biz_date] with no declaration of the bill released by then
-- (int_entry_release.release_ts <= gate_out_ts), no transit of the bill handed over by then (handover_ts <=
-- gate_out_ts), and no direct-return (4500 直接退运) declaration of the bill. Charged to the supervision-site section
-- of the manifest's customs (officer NULL; evidence.site_section).
{%- set check = {
    'code': 'MA-MNF-005',
    'module': 'monitor_analysis',
    'business_line': 'manifest_transit',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'MANIFEST_BILL',
    'name_zh': '舱单货物未申报即提离',
    'name_en': 'Cargo gated out without declaration',
    'attribution': 'supervision site section',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with manifests as (
    select * from {{ ref('stg_raw__manifest') }}
    where ie_flag = 'I'
),

bills as (
    select bills.*
    from {{ ref('stg_raw__manifest_bill') }} as bills
    where
        bills.gate_out_ts is not null
        and {{ in_window(local_date('bills.gate_out_ts'), check_param(check, 'period_days')) }}
),

import_bills as (
    select
        bills.*,
        manifests.customs_code,
        manifests.transmitter_code
    from bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
),

declarations as (
    select
        entry_id,
        bill_no,
        trade_mode
    from {{ ref('stg_raw__dec_head') }}
    where bill_no in (select import_bills.bill_no from import_bills)
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

transits as (
    select * from {{ ref('stg_raw__transit') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'MANIFEST'
),

fired as (
    select
        import_bills.gate_out_ts as event_ts,
        null::text as officer_id,
        import_bills.transmitter_code as enterprise_code,
        import_bills.manifest_id || '/' || import_bills.bill_no as object_id,
        jsonb_build_object(
            'manifest_id', import_bills.manifest_id,
            'bill_no', import_bills.bill_no,
            'consignee_name', import_bills.consignee_name,
            'bill_status', import_bills.status,
            'gate_out_ts', import_bills.gate_out_ts,
            'customs_code', import_bills.customs_code,
            'site_section', coalesce(post_sections.section_unit_code, import_bills.customs_code)
        ) as evidence
    from import_bills
    left join post_sections on import_bills.customs_code = post_sections.customs_code
    where
        not exists (
            select 1
            from declarations
            inner join releases on declarations.entry_id = releases.entry_id
            where declarations.bill_no = import_bills.bill_no and releases.release_ts <= import_bills.gate_out_ts
        )
        and not exists (
            select 1 from transits
            where transits.bill_no = import_bills.bill_no and transits.handover_ts <= import_bills.gate_out_ts
        )
        and not exists (
            select 1 from declarations
            where declarations.bill_no = import_bills.bill_no and declarations.trade_mode = '4500'
        )
)

{{ emit_alerts('fired', check) }}
