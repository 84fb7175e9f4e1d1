-- MA-TAR-014 品名关键词与商品编号不符: an item of an import entry released in the window (biz_date - period_days,
-- biz_date] whose g_name contains an hs_keyword_rule keyword while its code_ts is not under the rule's
-- expected_hs_prefix, and whose eff_rate(code_ts, declare_ts) is below the lowest eff_rate of any tariff code under
-- that prefix at the declaration time (the keyword's own heading would have cost more duty). One alert per item
-- (object DEC_ITEM = entry_id/g_no), charged to the reviewer (latest MANUAL_REVIEW officer; the releasing officer
-- when the entry had no manual review); evidence carries the reviewer's count of such items in the window.
{%- set check = {
    'code': 'MA-TAR-014',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'DEC_ITEM',
    'name_zh': '品名关键词与商品编号不符',
    'name_en': 'Goods description keyword conflicts with HS code',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_roll_ma_tar_b_import_releases') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

items as (
    select
        entry_id,
        g_no,
        code_ts,
        g_name,
        cny_value
    from {{ ref('stg_raw__dec_item') }}
),

rules as (
    select
        keyword,
        expected_hs_prefix
    from {{ ref('stg_raw__hs_keyword_rule') }}
),

rates as (
    select * from {{ ref('int_tax_tariff_rates') }}
),

conflicts as (
    select
        released.entry_id,
        items.g_no,
        items.code_ts,
        items.g_name,
        items.cny_value,
        rules.keyword,
        rules.expected_hs_prefix,
        released.release_ts,
        released.declare_ts,
        released.trade_co,
        coalesce(released.review_officer_id, released.release_officer_id) as officer_id,
        {{ eff_rate('items.code_ts', 'released.declare_ts') }} as declared_rate,
        (
            select min(rates.eff_rate)
            from rates
            where
                rates.code_ts like rules.expected_hs_prefix || '%'
                and rates.valid_from <= {{ local_date('released.declare_ts') }}
                and coalesce(rates.valid_to, date '9999-12-31') >= {{ local_date('released.declare_ts') }}
        ) as expected_rate
    from released
    inner join items on released.entry_id = items.entry_id
    inner join rules on items.g_name ilike '%' || rules.keyword || '%'
    where items.code_ts not like rules.expected_hs_prefix || '%'
),

lowered as (
    select
        conflicts.*,
        count(*) over (partition by conflicts.officer_id) as officer_items_in_window
    from conflicts
    where conflicts.declared_rate < conflicts.expected_rate
),

fired as (
    select distinct on (lowered.entry_id, lowered.g_no)
        lowered.release_ts as event_ts,
        lowered.officer_id,
        lowered.trade_co as enterprise_code,
        lowered.entry_id || '/' || lowered.g_no as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'g_name', lowered.g_name,
            'keyword', lowered.keyword,
            'code_ts', lowered.code_ts,
            'expected_hs_prefix', lowered.expected_hs_prefix,
            'declared_rate', lowered.declared_rate,
            'expected_rate', lowered.expected_rate,
            'cny_value', lowered.cny_value,
            'release_ts', lowered.release_ts,
            'officer_items_in_window', lowered.officer_items_in_window
        ) as evidence
    from lowered
    order by lowered.entry_id asc, lowered.g_no asc, lowered.expected_rate desc
)

{{ emit_alerts('fired', check) }}
