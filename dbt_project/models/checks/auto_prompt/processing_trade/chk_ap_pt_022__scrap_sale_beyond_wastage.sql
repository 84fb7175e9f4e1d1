-- AP-PT-022 边角料内销超理论产生量: a scrap domestic sale (0844/0845) released on the business day under a manual
-- whose cumulative scrap sold (kg) exceeds the tolerance times its theoretical scrap: the sum over its materials of
-- the imported kilograms times the material's average declared wastage rate.
{%- set check = {
    'code': 'AP-PT-022',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '边角料内销超理论产生量',
    'name_en': 'Scrap sold domestically beyond theoretical wastage',
    'attribution': 'officer = MANUAL_REVIEW.officer_id; processing-trade section',
    'params': {'tolerance': 1.2},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where is_released and manual_no is not null
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

boms as (
    select * from {{ ref('stg_raw__pt_bom') }}
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

scrap_today as (
    select * from entries
    where ie_flag = 'I' and trade_mode in {{ pt_scrap_sale_modes() }} and release_date = {{ biz_date() }}
),

manuals_today as (
    select distinct manual_no from scrap_today
),

scrap_sold as (
    select
        entries.manual_no,
        coalesce(sum({{ pt_item_kg('items') }}), 0) as scrap_kg
    from entries
    inner join manuals_today on entries.manual_no = manuals_today.manual_no
    inner join items on entries.entry_id = items.entry_id
    where entries.ie_flag = 'I' and entries.trade_mode in {{ pt_scrap_sale_modes() }}
    group by entries.manual_no
),

imported as (
    select
        entries.manual_no,
        items.contr_item as img_seq,
        coalesce(sum({{ pt_item_kg('items') }}), 0) as imported_kg
    from entries
    inner join manuals_today on entries.manual_no = manuals_today.manual_no
    inner join items on entries.entry_id = items.entry_id
    where entries.is_pt_import and entries.trade_mode not in {{ pt_product_return_modes() }}
    group by entries.manual_no, items.contr_item
),

-- the latest BOM version of each product-material pair, averaged per material
latest_boms as (
    select distinct on (manual_no, exg_seq, img_seq) *
    from boms
    order by manual_no asc, exg_seq asc, img_seq asc, version desc
),

wastage as (
    select
        latest_boms.manual_no,
        latest_boms.img_seq,
        avg(latest_boms.dec_dm) as avg_dm_pct
    from latest_boms
    inner join manuals_today on latest_boms.manual_no = manuals_today.manual_no
    group by latest_boms.manual_no, latest_boms.img_seq
),

theoretical as (
    select
        manuals_today.manual_no,
        coalesce(sum(imported.imported_kg * wastage.avg_dm_pct / 100), 0) as theoretical_scrap_kg
    from manuals_today
    left join imported on manuals_today.manual_no = imported.manual_no
    left join wastage on imported.manual_no = wastage.manual_no and imported.img_seq = wastage.img_seq
    group by manuals_today.manual_no
),

excess as (
    select
        scrap_today.*,
        scrap_sold.scrap_kg,
        theoretical.theoretical_scrap_kg
    from scrap_today
    inner join scrap_sold on scrap_today.manual_no = scrap_sold.manual_no
    inner join theoretical on scrap_today.manual_no = theoretical.manual_no
    where scrap_sold.scrap_kg > {{ check_param(check, 'tolerance') }} * theoretical.theoretical_scrap_kg
),

fired as (
    select
        excess.entry_id as object_id,
        excess.release_ts as event_ts,
        excess.manual_review_officer_id as officer_id,
        excess.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', excess.manual_no,
            'trade_mode', excess.trade_mode,
            'cum_scrap_kg', excess.scrap_kg,
            'theoretical_scrap_kg', excess.theoretical_scrap_kg,
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from excess
    left join sections on excess.declare_customs_code = sections.customs_code
)

{{ emit_alerts('fired', check) }}
