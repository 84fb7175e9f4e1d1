-- MA-CLR-014 暂时进出境/修理物品逾期未复运: an import (not deleted) under trade mode 2600, 2700 or 1300 whose ie_date +
-- :months months is before the business day, with an item not re-exported — the exports of the same trade_co and
-- trade mode declared after the import carry less than the imported quantity (g_qty) of the item's code_ts — no
-- TEMP_ADMISSION extension approved until the business day or later, and no guarantee converted to tax.
{%- set check = {
    'code': 'MA-CLR-014',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '暂时进出境/修理物品逾期未复运',
    'name_en': 'Temporary admission or repair goods not re-exported in time',
    'attribution': 'supervising section of declare_customs_code',
    'params': {'months': 6, 'trade_modes': ['2600', '2700', '1300']},
} %}
{{ config(meta={'check': check}) }}

{%- set mode_list = "('" ~ check_param(check, 'trade_modes') | join("', '") ~ "')" %}

with temporary_imports as (
    select * from {{ ref('stg_raw__dec_head') }}
    where
        ie_flag = 'I'
        and dec_status <> 'DELETED'
        and trade_mode in {{ mode_list }}
        and ie_date + interval '{{ check_param(check, 'months') }} months' < {{ biz_date() }}
),

re_exports as (
    select * from {{ ref('stg_raw__dec_head') }}
    where
        ie_flag = 'E'
        and dec_status <> 'DELETED'
        and trade_mode in {{ mode_list }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

extensions as (
    select * from {{ ref('stg_raw__dec_extension_approval') }}
    where ext_type = 'TEMP_ADMISSION' and approved_until >= {{ biz_date() }}
),

guarantees as (
    select * from {{ ref('stg_raw__guarantee') }}
    where outcome = 'CONVERTED_TO_TAX'
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'RELEASE'
),

imported as (
    select
        temporary_imports.entry_id,
        temporary_imports.trade_co,
        temporary_imports.trade_mode,
        temporary_imports.declare_ts,
        items.code_ts,
        sum(items.g_qty) as imported_qty
    from temporary_imports
    inner join items on temporary_imports.entry_id = items.entry_id
    group by
        temporary_imports.entry_id,
        temporary_imports.trade_co,
        temporary_imports.trade_mode,
        temporary_imports.declare_ts,
        items.code_ts
),

coverage as (
    select
        imported.*,
        coalesce((
            select sum(export_items.g_qty)
            from re_exports
            inner join items as export_items on re_exports.entry_id = export_items.entry_id
            where
                re_exports.trade_co = imported.trade_co
                and re_exports.trade_mode = imported.trade_mode
                and re_exports.declare_ts > imported.declare_ts
                and export_items.code_ts = imported.code_ts
        ), 0) as re_exported_qty
    from imported
),

overdue as (
    select
        temporary_imports.entry_id,
        temporary_imports.trade_co,
        temporary_imports.trade_mode,
        temporary_imports.ie_date,
        temporary_imports.declare_customs_code,
        (temporary_imports.ie_date + interval '{{ check_param(check, 'months') }} months')::date as due_date,
        jsonb_agg(
            jsonb_build_object(
                'code_ts', coverage.code_ts,
                'imported_qty', coverage.imported_qty,
                're_exported_qty', coverage.re_exported_qty
            ) order by coverage.code_ts
        ) as uncovered_items
    from temporary_imports
    inner join coverage on temporary_imports.entry_id = coverage.entry_id
    where
        coverage.re_exported_qty < coverage.imported_qty
        and not exists (
            select 1 from extensions
            where extensions.entry_id = temporary_imports.entry_id
        )
        and not exists (
            select 1 from guarantees
            where guarantees.entry_id = temporary_imports.entry_id
        )
    group by
        temporary_imports.entry_id,
        temporary_imports.trade_co,
        temporary_imports.trade_mode,
        temporary_imports.ie_date,
        temporary_imports.declare_customs_code
),

fired as (
    select
        overdue.entry_id as object_id,
        (overdue.due_date::timestamp at time zone '{{ var("timezone") }}') as event_ts,
        null::text as officer_id,
        overdue.trade_co as enterprise_code,
        jsonb_build_object(
            'trade_mode', overdue.trade_mode,
            'ie_date', overdue.ie_date,
            'due_date', overdue.due_date,
            'declare_customs_code', overdue.declare_customs_code,
            'supervising_section', post_sections.section_unit_code,
            'uncovered_items', overdue.uncovered_items
        ) as evidence
    from overdue
    left join post_sections on overdue.declare_customs_code = post_sections.customs_code
)

{{ emit_alerts('fired', check) }}
