-- MA-TAR-018 暂定价格未按期结算: entries with provisional_price_flag declared before biz_date - max_days (local
-- declaration date < biz_date - max_days) with no APPROVED dec_modify_apply of reason_code '04' (暂时价格结算), no
-- tax_supplement and no tax_refund for the entry. One alert per entry (raised on the first night it is seen
-- overdue). Charged to the reviewing section: officer_id NULL, the section of the entry's latest MANUAL_REVIEW
-- (else the clearance review section of the declaring customs) in evidence.
{%- set check = {
    'code': 'MA-TAR-018',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '暂定价格未按期结算',
    'name_en': 'Provisional-price entries not finalised',
    'attribution': 'reviewing section',
    'params': {'max_days': 180},
} %}
{{ config(meta={'check': check}) }}

with provisional as (
    select
        entry_id,
        declare_ts,
        declare_customs_code,
        trade_co,
        total_value_cny
    from {{ ref('stg_raw__dec_head') }}
    where
        provisional_price_flag
        and {{ local_date('declare_ts') }} < {{ biz_date() }} - {{ check_param(check, 'max_days') }}
),

settled as (
    select entry_id from {{ ref('stg_raw__dec_modify_apply') }}
    where reason_code = '04' and decision = 'APPROVED'
    union
    select entry_id from {{ ref('stg_raw__tax_supplement') }}
    union
    select entry_id from {{ ref('stg_raw__tax_refund') }}
),

reviews as (
    select distinct on (r.entry_id)
        r.entry_id,
        r.section_unit_code
    from {{ ref('int_roll_ma_tar_b_manual_reviews') }} as r
    where r.entry_id in (select provisional.entry_id from provisional)
    order by r.entry_id asc, r.step_seq desc
),

review_sections as (
    -- the clearance section holding the REVIEW post in each customs (fallback for entries without a manual review)
    select distinct on (customs_code)
        customs_code,
        section_unit_code
    from {{ ref('int_clr_post_sections') }}
    where post_code = 'REVIEW'
    order by customs_code asc, section_unit_code asc
),

fired as (
    select
        provisional.entry_id as object_id,
        provisional.declare_ts as event_ts,
        null::text as officer_id,
        provisional.trade_co as enterprise_code,
        jsonb_build_object(
            'declare_ts', provisional.declare_ts,
            'days_since_declaration', {{ biz_date() }} - {{ local_date('provisional.declare_ts') }},
            'max_days', {{ check_param(check, 'max_days') }},
            'total_value_cny', provisional.total_value_cny,
            'section_unit_code', coalesce(reviews.section_unit_code, review_sections.section_unit_code)
        ) as evidence
    from provisional
    left join reviews on provisional.entry_id = reviews.entry_id
    left join review_sections on provisional.declare_customs_code = review_sections.customs_code
    where provisional.entry_id not in (
        select settled.entry_id from settled
        where settled.entry_id is not null
    )
)

{{ emit_alerts('fired', check) }}
