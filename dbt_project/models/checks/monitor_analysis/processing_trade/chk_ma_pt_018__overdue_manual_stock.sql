-- MA-PT-018 超期未核销手册存量: on the business day, per master customs, the manuals still EXECUTING whose validity ended
-- more than grace_days before it (valid_until + grace_days < biz_date) are overdue, bucketed by days past validity
-- (grace_days–90, 90–180, over 180). Fires when the over-180 bucket holds at least max_n manuals, or the overdue share
-- of the customs' executing manuals reaches max_share. One alert per master customs, charged to no officer: its
-- processing-trade section (in the evidence).
{%- set check = {
    'code': 'MA-PT-018',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'CUSTOMS',
    'name_zh': '超期未核销手册存量',
    'name_en': 'Stock of overdue un-reported manuals',
    'attribution': 'PT section; subordinate customs',
    'params': {'grace_days': 30, 'max_n': 5, 'max_share': 0.05},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select
        *,
        {{ biz_date() }} - valid_until as days_past_validity
    from {{ ref('stg_raw__pt_manual') }}
    where status = 'EXECUTING' and {{ local_date('approve_ts') }} <= {{ biz_date() }}
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

stock as (
    select
        master_customs_code,
        count(*) as n_executing,
        count(*) filter (where valid_until + {{ check_param(check, 'grace_days') }} < {{ biz_date() }}) as n_overdue,
        count(*) filter (
            where valid_until + {{ check_param(check, 'grace_days') }} < {{ biz_date() }} and days_past_validity <= 90
        ) as n_upto_90,
        count(*) filter (where days_past_validity > 90 and days_past_validity <= 180) as n_90_180,
        count(*) filter (where days_past_validity > 180) as n_over_180,
        jsonb_agg(manual_no order by valid_until, manual_no) filter (
            where valid_until + {{ check_param(check, 'grace_days') }} < {{ biz_date() }}
        ) as overdue_manuals
    from manuals
    group by master_customs_code
),

fired as (
    select
        stock.master_customs_code as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'n_executing', stock.n_executing,
            'n_overdue', stock.n_overdue,
            'share', round(stock.n_overdue::numeric / nullif(stock.n_executing, 0), 4),
            'bucket_30_90', stock.n_upto_90,
            'bucket_90_180', stock.n_90_180,
            'bucket_over_180', stock.n_over_180,
            'max_n', {{ check_param(check, 'max_n') }},
            'max_share', {{ check_param(check, 'max_share') }},
            'overdue_manuals', stock.overdue_manuals,
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from stock
    left join sections on stock.master_customs_code = sections.customs_code
    where
        stock.n_over_180 >= {{ check_param(check, 'max_n') }}
        or stock.n_overdue >= {{ check_param(check, 'max_share') }} * stock.n_executing
)

{{ emit_alerts('fired', check) }}
