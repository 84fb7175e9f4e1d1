-- BI-GDS-005 前一日舱单与转关业务量: per customs × transport mode, the manifest and transit work of the business
-- day — conveyances arrived / departed, bills created (main data) / tallied / deleted, manifest changes approved
-- by type, transits declared / handed over (at the departure customs) / arrived / written off (at the arrival
-- customs). Charged to the customs' manifest/transit section (else the customs). A daily list, not an alert.
{%- set check = {
    'code': 'BI-GDS-005',
    'module': 'basic_info',
    'business_line': 'manifest_transit',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'SUBORDINATE',
    'name_zh': '前一日舱单与转关业务量',
    'name_en': 'Manifest and transit activity, previous day',
    'attribution': 'manifest section; subordinate customs',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with manifests as (
    select * from {{ ref('stg_raw__manifest') }}
),

bills as (
    select * from {{ ref('stg_raw__manifest_bill') }}
),

manifest_changes as (
    select * from {{ ref('stg_raw__manifest_change') }}
    where {{ local_date('approve_ts') }} = {{ biz_date() }}
),

transits as (
    select * from {{ ref('stg_raw__transit') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

hierarchy as (
    select * from {{ ref('int_ops_unit_hierarchy') }}
),

customs_units as (
    select * from {{ ref('int_ops_customs_unit') }}
),

bill_modes as (
    select distinct on (bills.bill_no)
        bills.bill_no,
        manifests.traf_mode
    from bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
    order by bills.bill_no asc, bills.main_data_ts desc
),

transit_modes as (
    select
        transits.*,
        coalesce(declarations.traf_mode, bill_modes.traf_mode) as traf_mode,
        coalesce(transits.arrival_customs_code, transits.dest_customs_code) as arrival_side_customs_code
    from transits
    left join declarations on transits.entry_id = declarations.entry_id
    left join bill_modes on transits.bill_no = bill_modes.bill_no
),

activity as (
    select
        customs_code,
        traf_mode,
        'conveyances_arrived' as measure
    from manifests
    where {{ local_date('arrival_ts') }} = {{ biz_date() }}
    union all
    select
        customs_code,
        traf_mode,
        'conveyances_departed' as measure
    from manifests
    where {{ local_date('departure_ts') }} = {{ biz_date() }}
    union all
    select
        manifests.customs_code,
        manifests.traf_mode,
        'bills_created' as measure
    from bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
    where {{ local_date('bills.main_data_ts') }} = {{ biz_date() }}
    union all
    select
        manifests.customs_code,
        manifests.traf_mode,
        'bills_tallied' as measure
    from bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
    where {{ local_date('bills.tally_ts') }} = {{ biz_date() }}
    union all
    select
        manifests.customs_code,
        manifests.traf_mode,
        'bills_deleted' as measure
    from bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
    where bills.status = 'DELETED' and {{ local_date('bills.last_update_ts') }} = {{ biz_date() }}
    union all
    select
        manifests.customs_code,
        manifests.traf_mode,
        'changes_approved_' || lower(manifest_changes.change_type) as measure
    from manifest_changes
    inner join manifests on manifest_changes.manifest_id = manifests.manifest_id
    union all
    select
        start_customs_code as customs_code,
        traf_mode,
        'transits_declared' as measure
    from transit_modes
    where {{ local_date('declare_ts') }} = {{ biz_date() }}
    union all
    select
        start_customs_code as customs_code,
        traf_mode,
        'transits_handed_over' as measure
    from transit_modes
    where {{ local_date('handover_ts') }} = {{ biz_date() }}
    union all
    select
        arrival_side_customs_code as customs_code,
        traf_mode,
        'transits_arrived' as measure
    from transit_modes
    where {{ local_date('arrival_ts') }} = {{ biz_date() }}
    union all
    select
        arrival_side_customs_code as customs_code,
        traf_mode,
        'transits_written_off' as measure
    from transit_modes
    where {{ local_date('write_off_ts') }} = {{ biz_date() }}
),

per_measure as (
    select
        customs_code,
        traf_mode,
        measure,
        count(*) as n
    from activity
    where customs_code is not null
    group by customs_code, traf_mode, measure
),

per_customs_mode as (
    select
        customs_code,
        traf_mode,
        jsonb_object_agg(measure, n) as counts
    from per_measure
    group by customs_code, traf_mode
),

manifest_sections as (
    select
        subordinate_unit_code,
        min(unit_code) as section_unit_code
    from hierarchy
    where unit_level = 'SECTION' and business_line = 'manifest_transit'
    group by subordinate_unit_code
),

listed as (
    select
        per_customs_mode.customs_code as subject_id,
        null::text as officer_id,
        null::text as enterprise_code,
        null::timestamptz as event_ts,
        case when customs_units.unit_level = 'DIRECT' then 'DISTRICT' else 'SUBORDINATE' end as subject_type,
        coalesce(per_customs_mode.traf_mode, '') as breakdown,
        coalesce(manifest_sections.section_unit_code, customs_units.unit_code) as unit_code,
        jsonb_build_object(
            'customs_code', per_customs_mode.customs_code,
            'traf_mode', per_customs_mode.traf_mode
        ) || per_customs_mode.counts as metrics
    from per_customs_mode
    left join customs_units on per_customs_mode.customs_code = customs_units.customs_code
    left join manifest_sections on customs_units.unit_code = manifest_sections.subordinate_unit_code
)

{{ emit_prompts('listed', check) }}
