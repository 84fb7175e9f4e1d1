-- AP-CLR-019 集中申报逾期未归并申报: on the deadline day for last month's lists — day :general_trade_day of this
-- month for general trade, day :bonded_day (capped at the month's end) for bonded lists — a trade_co's lists
-- released last month that no consolidated declaration linked to them was declared for by the end of that day.
{%- set check = {
    'code': 'AP-CLR-019',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTERPRISE',
    'name_zh': '集中申报逾期未归并申报',
    'name_en': 'Consolidated (集中申报) list not declared by deadline',
    'attribution': 'supervising section of declare_customs_code',
    'params': {'general_trade_day': 10, 'bonded_day': 31},
} %}
{{ config(meta={'check': check}) }}

with lists as (
    select * from {{ ref('int_clr_concentrated_lists') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'RELEASE'
),

calendar_month as (
    select
        date_trunc('month', {{ biz_date() }})::date as month_start,
        (date_trunc('month', {{ biz_date() }}) - interval '1 month')::date as list_month,
        extract(day from date_trunc('month', {{ biz_date() }}) + interval '1 month - 1 day')::int as month_days
),

deadlines as (
    select
        'GENERAL' as category,
        list_month,
        month_start + least({{ check_param(check, 'general_trade_day') }}, month_days) - 1 as deadline
    from calendar_month
    union all
    select
        'BONDED' as category,
        list_month,
        month_start + least({{ check_param(check, 'bonded_day') }}, month_days) - 1 as deadline
    from calendar_month
),

due_today as (
    select * from deadlines
    where deadline = {{ biz_date() }}
),

uncovered as (
    select
        lists.*,
        due_today.deadline
    from lists
    inner join due_today
        on lists.category = due_today.category and lists.release_month = due_today.list_month
    where
        lists.consolidated_entry_id is null
        or {{ local_date('lists.consolidated_declare_ts') }} > due_today.deadline
),

per_enterprise as (
    select
        trade_co,
        category,
        release_month,
        deadline,
        min(declare_customs_code) as declare_customs_code,
        max(release_ts) as last_release_ts,
        count(*) as n_lists,
        array_agg(entry_id order by release_ts, entry_id) as list_entry_ids
    from uncovered
    group by trade_co, category, release_month, deadline
),

fired as (
    select
        per_enterprise.last_release_ts as event_ts,
        null::text as officer_id,
        per_enterprise.trade_co as enterprise_code,
        per_enterprise.trade_co || '/' || to_char(per_enterprise.release_month, 'YYYY-MM')
        || '/' || per_enterprise.category as object_id,
        jsonb_build_object(
            'category', per_enterprise.category,
            'list_month', to_char(per_enterprise.release_month, 'YYYY-MM'),
            'deadline', per_enterprise.deadline,
            'n_lists', per_enterprise.n_lists,
            'list_entry_ids', per_enterprise.list_entry_ids,
            'supervising_section', coalesce(post_sections.section_unit_code, per_enterprise.declare_customs_code)
        ) as evidence
    from per_enterprise
    left join post_sections on per_enterprise.declare_customs_code = post_sections.customs_code
)

{{ emit_alerts('fired', check) }}
