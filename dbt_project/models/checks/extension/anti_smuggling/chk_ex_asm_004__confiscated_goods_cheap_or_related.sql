-- EX-ASM-004 罚没物品低价或关联处置: an AUCTION of confiscated goods on the business day (local disposal date) sold
-- below min_ratio × the goods' value, or to the case's own party (buyer_code = smuggling_case.enterprise_code), or to
-- an enterprise linked to that party (another registered enterprise with the same USCC). Charged to the disposing
-- officer; every reason is in evidence.
{%- set check = {
    'code': 'EX-ASM-004',
    'module': 'extension',
    'business_line': 'anti_smuggling',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'DISPOSAL',
    'name_zh': '罚没物品低价或关联处置',
    'name_en': 'Confiscated goods sold cheaply or to related party',
    'attribution': 'officer = d.officer_id',
    'params': {'min_ratio': 0.5},
} %}
{{ config(meta={'check': check}) }}

with disposals as (
    select * from {{ ref('stg_raw__confiscated_goods_disposal') }}
    where method = 'AUCTION' and {{ local_date('disposal_ts') }} = {{ biz_date() }}
),

cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

judged as (
    select
        disposals.*,
        cases.enterprise_code as party_code,
        coalesce(disposals.price_cny < disposals.goods_value_cny * {{ check_param(check, 'min_ratio') }}, false)
            as below_value,
        coalesce(disposals.buyer_code = cases.enterprise_code, false) as buyer_is_party,
        exists(
            select 1
            from enterprises as buyer
            inner join enterprises as party on buyer.uscc = party.uscc
            where
                buyer.enterprise_code = disposals.buyer_code
                and party.enterprise_code = cases.enterprise_code
                and buyer.enterprise_code != party.enterprise_code
        ) as buyer_linked_to_party
    from disposals
    left join cases on disposals.case_id = cases.case_id
),

fired as (
    select
        disposal_id as object_id,
        disposal_ts as event_ts,
        officer_id,
        buyer_code as enterprise_code,
        jsonb_build_object(
            'case_id', case_id,
            'goods_value_cny', goods_value_cny,
            'price_cny', price_cny,
            'price_ratio', round(price_cny / nullif(goods_value_cny, 0), 4),
            'min_ratio', {{ check_param(check, 'min_ratio') }},
            'buyer_code', buyer_code,
            'party_code', party_code,
            'below_value', below_value,
            'buyer_is_party', buyer_is_party,
            'buyer_linked_to_party', buyer_linked_to_party
        ) as evidence
    from judged
    where below_value or buyer_is_party or buyer_linked_to_party
)

{{ emit_alerts('fired', check) }}
