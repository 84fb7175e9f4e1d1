-- EX-CBE-001 个人年度或单次限额超额放行: a cross-border e-commerce inventory released on the business day whose amount
-- exceeds single_limit_cny, or after which the consumer's released inventories of the calendar year (this one
-- included) exceed annual_limit_cny. For the CBE section: ce_inventory records no release officer.
{%- set check = {
    'code': 'EX-CBE-001',
    'module': 'extension',
    'business_line': 'cross_border_ecommerce',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CE_INVENTORY',
    'name_zh': '个人年度或单次限额超额放行',
    'name_en': 'Personal quota exceeded but released',
    'attribution': 'release officer / CBE section',
    'params': {'single_limit_cny': 5000, 'annual_limit_cny': 26000},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('stg_raw__ce_inventory') }}
    where release_ts is not null and release_ts <= {{ end_of_biz_date() }}
),

todays as (
    select * from released
    where {{ local_date('release_ts') }} = {{ biz_date() }}
),

yearly as (
    select
        t.inv_no,
        sum(r.amount_cny) as year_total_cny
    from todays as t
    inner join released as r
        on
            t.consumer_id_hash = r.consumer_id_hash
            and date_trunc('year', r.release_ts at time zone '{{ var("timezone") }}')
            = date_trunc('year', t.release_ts at time zone '{{ var("timezone") }}')
            and (r.release_ts, r.inv_no) <= (t.release_ts, t.inv_no)
    group by 1
),

fired as (
    select
        t.inv_no as object_id,
        t.release_ts as event_ts,
        null::text as officer_id,
        t.ebc_code as enterprise_code,
        jsonb_build_object(
            'consumer_id_hash', t.consumer_id_hash,
            'ebp_code', t.ebp_code,
            'amount_cny', t.amount_cny,
            'year_total_cny', y.year_total_cny,
            'single_limit_cny', {{ check_param(check, 'single_limit_cny') }},
            'annual_limit_cny', {{ check_param(check, 'annual_limit_cny') }}
        ) as evidence
    from todays as t
    inner join yearly as y on t.inv_no = y.inv_no
    where
        t.amount_cny > {{ check_param(check, 'single_limit_cny') }}
        or y.year_total_cny > {{ check_param(check, 'annual_limit_cny') }}
)

{{ emit_alerts('fired', check) }}
