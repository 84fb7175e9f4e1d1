-- BI-ENT-002 首次申报及新注册企业: trade_co enterprises that declared on the business day and either declared
-- then for the first time (earliest declaration in the warehouse, evaluated only once the warehouse holds
-- :min_history_days(30) days of declarations) or registered within :new_days(90): credit class, trade modes,
-- value and HS chapters of the day's declarations, per declaring customs. A daily list, not an alert.
{%- set check = {
    'code': 'BI-ENT-002',
    'module': 'basic_info',
    'business_line': 'general',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'ENTERPRISE',
    'name_zh': '首次申报及新注册企业',
    'name_en': 'First-time declarants and newly registered enterprises',
    'attribution': 'subordinate customs',
    'params': {'new_days': 90, 'min_history_days': 30},
} %}
{{ config(meta={'check': check}) }}

with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

customs_units as (
    select * from {{ ref('int_ops_customs_unit') }}
),

history as (
    select min({{ local_date('declare_ts') }}) as first_day_held
    from declarations
),

first_declared as (
    select
        trade_co,
        min(declare_ts) as first_declare_ts
    from declarations
    group by trade_co
),

declared_today as (
    select * from declarations
    where {{ local_date('declare_ts') }} = {{ biz_date() }}
),

flagged as (
    select
        declared_today.trade_co,
        bool_or(
            {{ local_date('first_declared.first_declare_ts') }} = {{ biz_date() }}
            and history.first_day_held <= {{ biz_date() }} - {{ check_param(check, 'min_history_days') }}
        ) as is_first_declaration,
        bool_or(
            enterprises.reg_date >= {{ biz_date() }} - {{ check_param(check, 'new_days') }}
        ) as is_newly_registered
    from declared_today
    inner join first_declared on declared_today.trade_co = first_declared.trade_co
    cross join history
    left join enterprises on declared_today.trade_co = enterprises.enterprise_code
    group by declared_today.trade_co
),

day_chapters as (
    select
        declared_today.trade_co,
        declared_today.declare_customs_code,
        jsonb_agg(distinct left(items.code_ts, 2)) as hs_chapters
    from declared_today
    inner join items on declared_today.entry_id = items.entry_id
    group by declared_today.trade_co, declared_today.declare_customs_code
),

per_customs as (
    select
        trade_co,
        declare_customs_code,
        count(*) as n_entries,
        sum(total_value_cny) as value_cny,
        jsonb_agg(distinct trade_mode) as trade_modes
    from declared_today
    group by trade_co, declare_customs_code
),

listed as (
    select
        'ENTERPRISE' as subject_type,
        per_customs.trade_co as subject_id,
        per_customs.declare_customs_code as breakdown,
        null::text as officer_id,
        customs_units.unit_code,
        per_customs.trade_co as enterprise_code,
        null::timestamptz as event_ts,
        jsonb_build_object(
            'customs_code', per_customs.declare_customs_code,
            'is_first_declaration', flagged.is_first_declaration,
            'is_newly_registered', coalesce(flagged.is_newly_registered, false),
            'credit_class', enterprises.credit_class,
            'enterprise_kind', enterprises.enterprise_kind,
            'reg_date', enterprises.reg_date,
            'n_entries', per_customs.n_entries,
            'value_cny', per_customs.value_cny,
            'trade_modes', per_customs.trade_modes,
            'hs_chapters', coalesce(day_chapters.hs_chapters, '[]'::jsonb)
        ) as metrics
    from per_customs
    inner join flagged on per_customs.trade_co = flagged.trade_co
    left join enterprises on per_customs.trade_co = enterprises.enterprise_code
    left join day_chapters
        on
            per_customs.trade_co = day_chapters.trade_co
            and per_customs.declare_customs_code = day_chapters.declare_customs_code
    left join customs_units on per_customs.declare_customs_code = customs_units.customs_code
    where flagged.is_first_declaration or flagged.is_newly_registered
)

{{ emit_prompts('listed', check) }}
