-- AP-CLR-014 超期未报关货物未处理: an import bill of lading whose conveyance arrived more than :months months before
-- the business day, never declared (no declaration, no transit with its bill number), still not taken for disposal
-- (海关法 第30条).
{%- set check = {
    'code': 'AP-CLR-014',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'MANIFEST_BILL',
    'name_zh': '超期未报关货物未处理',
    'name_en': 'Goods undeclared for 3 months not taken for disposal',
    'attribution': 'supervision/manifest section of m.customs_code',
    'params': {'months': 3},
} %}
{{ config(meta={'check': check}) }}

with bills as (
    select * from {{ ref('stg_raw__manifest_bill') }}
    where status not in ('DECLARED', 'RELEASED', 'DELETED') and disposed_ts is null
),

manifests as (
    select * from {{ ref('stg_raw__manifest') }}
    where ie_flag = 'I' and arrival_ts is not null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

transits as (
    select * from {{ ref('stg_raw__transit') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'MANIFEST'
),

overdue as (
    select
        bills.manifest_id,
        bills.bill_no,
        bills.consignee_name,
        bills.pack_no,
        bills.status,
        manifests.customs_code,
        manifests.transmitter_code,
        manifests.arrival_ts
    from bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
    where
        ({{ local_date('manifests.arrival_ts') }} + interval '1 month' * {{ check_param(check, 'months') }})::date
        < {{ biz_date() }}
        and not exists (
            select 1 from declarations
            where bills.bill_no = declarations.bill_no
        )
        and not exists (
            select 1 from transits
            where bills.bill_no = transits.bill_no
        )
),

fired as (
    select
        overdue.arrival_ts as event_ts,
        null::text as officer_id,
        overdue.transmitter_code as enterprise_code,
        overdue.manifest_id || '/' || overdue.bill_no as object_id,
        jsonb_build_object(
            'manifest_id', overdue.manifest_id,
            'bill_no', overdue.bill_no,
            'consignee_name', overdue.consignee_name,
            'pack_no', overdue.pack_no,
            'bill_status', overdue.status,
            'arrival_ts', overdue.arrival_ts,
            'customs_code', overdue.customs_code,
            'manifest_section', coalesce(post_sections.section_unit_code, overdue.customs_code)
        ) as evidence
    from overdue
    left join post_sections on overdue.customs_code = post_sections.customs_code
)

{{ emit_alerts('fired', check) }}
