-- AP-TAR-003 低于价格参数未质疑即审结: an import item whose manual review ended on the business day with PASS, worth
-- at least min_value_cny, with a USD unit price more than under_pct below the reference price valid at declaration
-- (same code, unit and origin, else any origin '*'), and no price challenge or consultation on the item.
{%- set check = {
    'code': 'AP-TAR-003',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'DEC_ITEM',
    'name_zh': '低于价格参数未质疑即审结',
    'name_en': 'Under-priced item passed review without price challenge',
    'attribution': 'officer = MANUAL_REVIEW.officer_id',
    'params': {'under_pct': 0.30, 'min_value_cny': 50000},
} %}
{{ config(meta={'check': check}) }}

with reviews as (
    select * from {{ ref('int_tax_entry_steps') }}
    where
        step_code = 'MANUAL_REVIEW'
        and result_code = 'PASS'
        and {{ local_date('end_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where ie_flag = 'I'
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

price_references as (
    select * from {{ ref('stg_raw__price_reference') }}
),

valuation_actions as (
    select * from {{ ref('stg_raw__valuation_action') }}
    where action_type in ('CHALLENGE', 'CONSULT')
),

reviewed_items as (
    select
        items.entry_id,
        items.g_no,
        items.code_ts,
        items.origin_country,
        items.g_unit,
        items.g_qty,
        items.usd_value,
        items.cny_value,
        declarations.trade_co,
        declarations.declare_ts,
        reviews.officer_id as reviewer_id,
        reviews.end_ts as review_end_ts,
        items.usd_value / nullif(items.g_qty, 0) as usd_unit_price
    from reviews
    inner join declarations on reviews.entry_id = declarations.entry_id
    inner join items on reviews.entry_id = items.entry_id
    where items.cny_value >= {{ check_param(check, 'min_value_cny') }}
),

priced as (
    -- the most specific reference: the item's own origin before '*', then the latest valid_from
    select distinct on (reviewed_items.entry_id, reviewed_items.g_no)
        reviewed_items.*,
        price_references.origin_country as ref_origin_country,
        price_references.ref_unit_price_usd
    from reviewed_items
    inner join price_references
        on
            reviewed_items.code_ts = price_references.code_ts
            and reviewed_items.g_unit = price_references.unit
            and price_references.origin_country in (reviewed_items.origin_country, '*')
            and {{ local_date('reviewed_items.declare_ts') }} >= price_references.valid_from
            and {{ local_date('reviewed_items.declare_ts') }}
            <= coalesce(price_references.valid_to, date '9999-12-31')
    order by
        reviewed_items.entry_id asc,
        reviewed_items.g_no asc,
        (price_references.origin_country = '*') asc,
        price_references.valid_from desc
),

unchallenged as (
    select *
    from priced
    where
        usd_unit_price < ref_unit_price_usd * (1 - {{ check_param(check, 'under_pct') }})
        and not exists (
            select 1 from valuation_actions
            where priced.entry_id = valuation_actions.entry_id and priced.g_no = valuation_actions.g_no
        )
),

fired as (
    select
        unchallenged.review_end_ts as event_ts,
        unchallenged.reviewer_id as officer_id,
        unchallenged.trade_co as enterprise_code,
        unchallenged.entry_id || '/' || unchallenged.g_no as object_id,
        jsonb_build_object(
            'entry_id', unchallenged.entry_id,
            'g_no', unchallenged.g_no,
            'code_ts', unchallenged.code_ts,
            'origin_country', unchallenged.origin_country,
            'unit', unchallenged.g_unit,
            'usd_unit_price', round(unchallenged.usd_unit_price, 4),
            'ref_unit_price_usd', unchallenged.ref_unit_price_usd,
            'ref_origin_country', trim(unchallenged.ref_origin_country),
            'below_ref_pct', round(1 - unchallenged.usd_unit_price / unchallenged.ref_unit_price_usd, 4),
            'cny_value', unchallenged.cny_value,
            'review_end_ts', unchallenged.review_end_ts
        ) as evidence
    from unchallenged
)

{{ emit_alerts('fired', check) }}
