-- MA-PT-008 内销比例偏高: over the window (biz_date - period_days, biz_date], by declaration date, the USD value of
-- released PT domestic sales (analytic_category PT_DOMESTIC_SALE) divided by the USD value of released PT material
-- imports (PT import modes of category PT_MAIN, PT_DEEP_TRANSFER or PT_LEFTOVER_TRANSFER) reaches max_share while the
-- imports reach min_usd. Judged per manual (object MANUAL:<manual_no>) and per operating enterprise over all its
-- manuals (object ENTERPRISE:<trade_co>). Charged to no officer: the PT section of the declaring customs.
{%- set check = {
    'code': 'MA-PT-008',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'MANUAL_OR_ENTERPRISE',
    'name_zh': '内销比例偏高',
    'name_en': 'High domestic-sale share',
    'attribution': 'PT section',
    'params': {'period_days': 90, 'max_share': 0.3, 'min_usd': 100000},
} %}
{{ config(meta={'check': check}) }}

with pt_items as (
    select
        *,
        case
            when analytic_category = 'PT_DOMESTIC_SALE' then 'domestic'
            when
                ie_flag = 'I' and is_pt_import
                and analytic_category in ('PT_MAIN', 'PT_DEEP_TRANSFER', 'PT_LEFTOVER_TRANSFER')
                then 'import'
        end as flow
    from {{ ref('int_roll_ma_pt_items_daily') }}
    where
        is_released
        and manual_no is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

scoped as (
    select
        'MANUAL:' || manual_no as scope_id,
        manual_no,
        trade_co,
        flow,
        usd_value,
        declare_ts,
        declare_customs_code
    from pt_items
    where flow is not null
    union all
    select
        'ENTERPRISE:' || trade_co as scope_id,
        manual_no,
        trade_co,
        flow,
        usd_value,
        declare_ts,
        declare_customs_code
    from pt_items
    where flow is not null
),

shares as (
    select
        scope_id,
        min(trade_co) as trade_co,
        min(declare_customs_code) as declare_customs_code,
        count(distinct manual_no) as n_manuals,
        coalesce(sum(usd_value) filter (where flow = 'domestic'), 0) as domestic_usd,
        coalesce(sum(usd_value) filter (where flow = 'import'), 0) as import_usd,
        max(declare_ts) filter (where flow = 'domestic') as last_domestic_ts
    from scoped
    group by scope_id
),

fired as (
    select
        shares.scope_id as object_id,
        shares.last_domestic_ts as event_ts,
        null::text as officer_id,
        shares.trade_co as enterprise_code,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n_manuals', shares.n_manuals,
            'domestic_usd', shares.domestic_usd,
            'import_usd', shares.import_usd,
            'share', round(shares.domestic_usd / nullif(shares.import_usd, 0), 4),
            'max_share', {{ check_param(check, 'max_share') }},
            'min_usd', {{ check_param(check, 'min_usd') }},
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from shares
    left join sections on shares.declare_customs_code = sections.customs_code
    where
        shares.import_usd >= {{ check_param(check, 'min_usd') }}
        and shares.domestic_usd >= {{ check_param(check, 'max_share') }} * shares.import_usd
)

{{ emit_alerts('fired', check) }}
