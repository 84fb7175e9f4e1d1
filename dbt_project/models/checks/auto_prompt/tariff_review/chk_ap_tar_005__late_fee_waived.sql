-- AP-TAR-005 减免滞报金/滞纳金: a late-declaration or late-payment fee waived on the business day by more than
-- min_waive_cny; orange, raised to red when the waived amount reaches red_cny.
{%- set check = {
    'code': 'AP-TAR-005',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'LATE_FEE',
    'name_zh': '减免滞报金/滞纳金',
    'name_en': 'Late-declaration or late-payment fee waived',
    'attribution': 'officer = f.waive_officer_id',
    'params': {'min_waive_cny': 0, 'red_cny': 10000},
} %}
{{ config(meta={'check': check}) }}

with fees as (
    select * from {{ ref('stg_raw__late_fee') }}
    where
        {{ local_date('waive_ts') }} = {{ biz_date() }}
        and waived_amount_cny > {{ check_param(check, 'min_waive_cny') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

fired as (
    select
        fees.fee_id as object_id,
        fees.waive_ts as event_ts,
        fees.waive_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', fees.entry_id,
            'fee_type', fees.fee_type,
            'days_charged', fees.days_charged,
            'calc_amount_cny', fees.calc_amount_cny,
            'levied_amount_cny', fees.levied_amount_cny,
            'waived_amount_cny', fees.waived_amount_cny,
            'waive_reason', fees.waive_reason
        ) as evidence
    from fees
    left join declarations on fees.entry_id = declarations.entry_id
),

alerts as (
    {{ emit_alerts('fired', check) }}
),

graded as (
    -- the catalogue's second colour: red from red_cny waived
    select
        alert_key,
        check_code,
        biz_date,
        case
            when (evidence ->> 'waived_amount_cny')::numeric >= {{ check_param(check, 'red_cny') }} then 'red'
            else severity
        end as severity,
        object_type,
        object_id,
        event_ts,
        enterprise_code,
        officer_id,
        post_code,
        section_unit_code,
        subordinate_unit_code,
        direct_customs_code,
        evidence,
        params
    from alerts
)

select * from graded
