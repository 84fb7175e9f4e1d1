-- EX-ENT-005 低信用企业仍享便利措施: an entry released on the business day whose trade_co is of credit class C, D or
-- DISHONEST (class in force on the release day) although the entry enjoyed a facilitation: guarantee release,
-- summary tax payment, or a paperless entry type (W, M). Charged to the RELEASE officer.
{%- set check = {
    'code': 'EX-ENT-005',
    'module': 'extension',
    'business_line': 'enterprise_mgmt',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '低信用企业仍享便利措施',
    'name_en': 'Low-credit enterprise still given facilitation',
    'attribution': 'officer = RELEASE.officer_id; enterprise-management section',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

low_credit as (
    select
        enterprise_code,
        credit_class,
        credit_class_since
    from {{ ref('stg_raw__enterprise') }}
    where credit_class in ('C', 'D', 'DISHONEST')
),

fired as (
    select
        h.entry_id as object_id,
        r.release_ts as event_ts,
        r.release_officer_id as officer_id,
        h.trade_co as enterprise_code,
        jsonb_build_object(
            'credit_class', e.credit_class,
            'credit_class_since', e.credit_class_since,
            'guarantee_release_flag', h.guarantee_release_flag,
            'tax_payment_mode', h.tax_payment_mode,
            'entry_type', h.entry_type
        ) as evidence
    from released as r
    inner join {{ ref('stg_raw__dec_head') }} as h on r.entry_id = h.entry_id
    inner join low_credit as e on h.trade_co = e.enterprise_code and r.release_date >= e.credit_class_since
    where
        coalesce(h.guarantee_release_flag, false)
        or h.tax_payment_mode = 'SUMMARY'
        or h.entry_type in ('W', 'M')
)

{{ emit_alerts('fired', check) }}
