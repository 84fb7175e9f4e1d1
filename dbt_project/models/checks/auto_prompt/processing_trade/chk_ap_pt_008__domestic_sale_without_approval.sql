-- AP-PT-008 内销未经审批: a processing-trade domestic sale (0245, 0644, 0844, 0845) released on the business day
-- without an attached 内销征税联系单 (document code c).
{%- set check = {
    'code': 'AP-PT-008',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '内销未经审批',
    'name_en': 'Domestic sale released without approval',
    'attribution': 'officer = RELEASE.officer_id; processing-trade section',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where
        ie_flag = 'I'
        and trade_mode in {{ pt_domestic_sale_approval_modes() }}
        and release_date = {{ biz_date() }}
),

documents as (
    select * from {{ ref('stg_raw__dec_document') }}
    where docu_code = 'c'
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

unapproved as (
    select entries.*
    from entries
    where not exists (
        select 1 from documents
        where entries.entry_id = documents.entry_id
    )
),

fired as (
    select
        unapproved.entry_id as object_id,
        unapproved.release_ts as event_ts,
        unapproved.release_officer_id as officer_id,
        unapproved.trade_co as enterprise_code,
        jsonb_build_object(
            'trade_mode', unapproved.trade_mode,
            'manual_no', unapproved.manual_no,
            'usd_value', unapproved.usd_value,
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from unapproved
    left join sections on unapproved.declare_customs_code = sections.customs_code
)

{{ emit_alerts('fired', check) }}
