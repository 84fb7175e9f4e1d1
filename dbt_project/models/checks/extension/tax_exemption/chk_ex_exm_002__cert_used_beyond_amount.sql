-- EX-EXM-002 征免税证明超额使用: per certificate with an amount limit, the released import entries quoting it are
-- summed in release order (dec_item.cny_value); the entry released on the business day whose running total first
-- exceeds amount_limit_cny * (1 + tol) fires. Charged to the MANUAL_REVIEW officer of that entry, else its releaser.
{%- set check = {
    'code': 'EX-EXM-002',
    'module': 'extension',
    'business_line': 'tax_exemption',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '征免税证明超额使用',
    'name_en': 'Exemption certificate used beyond its amount',
    'attribution': 'officer (reviewer of the crossing entry)',
    'params': {'tol': 0.0},
} %}
{{ config(meta={'check': check}) }}

with certs as (
    select * from {{ ref('stg_raw__tax_exemption_cert') }}
    where amount_limit_cny is not null
),

-- only certificates quoted by an entry released today are summed
todays as (
    select distinct h.manual_no as cert_no
    from {{ ref('int_entry_release') }} as r
    inner join {{ ref('stg_raw__dec_head') }} as h on r.entry_id = h.entry_id
    where r.release_date = {{ biz_date() }} and h.manual_no like 'Z%' and h.ie_flag = 'I'
),

uses as (
    select
        h.entry_id,
        h.manual_no as cert_no,
        h.trade_co,
        r.release_ts,
        r.release_date,
        r.release_officer_id,
        sum(i.cny_value) as value_cny
    from {{ ref('stg_raw__dec_head') }} as h
    inner join todays on h.manual_no = todays.cert_no
    inner join {{ ref('int_entry_release') }} as r on h.entry_id = r.entry_id
    inner join {{ ref('stg_raw__dec_item') }} as i on h.entry_id = i.entry_id
    where h.ie_flag = 'I' and r.release_ts <= {{ end_of_biz_date() }}
    group by 1, 2, 3, 4, 5, 6
),

running as (
    select
        uses.*,
        certs.amount_limit_cny,
        certs.amount_limit_cny * (1 + {{ check_param(check, 'tol') }}) as ceiling_cny,
        sum(uses.value_cny) over (
            partition by uses.cert_no order by uses.release_ts, uses.entry_id rows unbounded preceding
        ) as cumulative_cny
    from uses
    inner join certs on uses.cert_no = certs.cert_no
),

reviews as (
    select
        entry_id,
        officer_id
    from {{ ref('int_entry_steps') }}
    where step_code = 'MANUAL_REVIEW' and end_ts is not null
),

fired as (
    select
        running.entry_id as object_id,
        running.release_ts as event_ts,
        running.trade_co as enterprise_code,
        coalesce(reviews.officer_id, running.release_officer_id) as officer_id,
        jsonb_build_object(
            'cert_no', running.cert_no,
            'amount_limit_cny', running.amount_limit_cny,
            'entry_value_cny', running.value_cny,
            'cumulative_cny', running.cumulative_cny,
            'threshold_cny', running.ceiling_cny
        ) as evidence
    from running
    left join reviews on running.entry_id = reviews.entry_id
    where
        running.release_date = {{ biz_date() }}
        and running.cumulative_cny > running.ceiling_cny
        and running.cumulative_cny - running.value_cny <= running.ceiling_cny
)

{{ emit_alerts('fired', check) }}
