-- BI-GDS-001 前一日进出口货物总体情况: per declaring customs × ie_flag × trade_mode × traf_mode, the entries released
-- on the business day — entries, items, value and gross weight — with the difference from the mean of the
-- extracts received in the trailing :baseline_days(30) days. A daily list, not an alert.
{%- set check = {
    'code': 'BI-GDS-001',
    'module': 'basic_info',
    'business_line': 'clearance',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'SUBORDINATE',
    'name_zh': '前一日进出口货物总体情况',
    'name_en': 'Goods cleared, previous day',
    'attribution': 'subordinate customs; directly-affiliated customs',
    'params': {'baseline_days': 30},
} %}
{{ config(meta={'check': check}) }}

with releases as materialized (
    select * from {{ ref('int_entry_release') }}
    where
        release_date > {{ biz_date() }} - {{ check_param(check, 'baseline_days') }}
        and release_date <= {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

entry_totals as (
    select * from {{ ref('int_entry_duty') }}
),

customs_units as (
    select * from {{ ref('int_ops_customs_unit') }}
),

extract_days as (
    select * from {{ ref('int_ops_extract_days') }}
    where
        extract_date > {{ biz_date() }} - {{ check_param(check, 'baseline_days') }}
        and extract_date < {{ biz_date() }}
),

released as (
    select
        releases.release_date,
        declarations.declare_customs_code,
        declarations.ie_flag,
        declarations.trade_mode,
        declarations.traf_mode,
        declarations.total_value_cny,
        declarations.gross_wt,
        coalesce(entry_totals.n_items, 0) as n_items
    from releases
    inner join declarations on releases.entry_id = declarations.entry_id
    left join entry_totals on releases.entry_id = entry_totals.entry_id
),

today as (
    select
        declare_customs_code,
        ie_flag,
        trade_mode,
        traf_mode,
        count(*) as n_entries,
        sum(n_items) as n_items,
        sum(total_value_cny) as value_cny,
        sum(gross_wt) as gross_wt
    from released
    where release_date = {{ biz_date() }}
    group by declare_customs_code, ie_flag, trade_mode, traf_mode
),

baseline_days_with_data as (
    select count(*) as n_days
    from extract_days
),

baseline_totals as (
    select
        declare_customs_code,
        ie_flag,
        trade_mode,
        traf_mode,
        count(*) as n_entries,
        sum(total_value_cny) as value_cny
    from released
    where release_date < {{ biz_date() }}
    group by declare_customs_code, ie_flag, trade_mode, traf_mode
),

compared as (
    select
        today.*,
        baseline_days_with_data.n_days as baseline_days_with_data,
        coalesce(baseline_totals.n_entries, 0)::numeric / nullif(baseline_days_with_data.n_days, 0)
            as baseline_mean_entries,
        coalesce(baseline_totals.value_cny, 0) / nullif(baseline_days_with_data.n_days, 0) as baseline_mean_value_cny
    from today
    cross join baseline_days_with_data
    left join baseline_totals
        on
            today.declare_customs_code = baseline_totals.declare_customs_code
            and today.ie_flag = baseline_totals.ie_flag
            and today.trade_mode = baseline_totals.trade_mode
            and today.traf_mode = baseline_totals.traf_mode
),

listed as (
    select
        compared.declare_customs_code as subject_id,
        null::text as officer_id,
        customs_units.unit_code,
        null::text as enterprise_code,
        null::timestamptz as event_ts,
        case when customs_units.unit_level = 'DIRECT' then 'DISTRICT' else 'SUBORDINATE' end as subject_type,
        concat_ws('|', compared.ie_flag, compared.trade_mode, compared.traf_mode) as breakdown,
        jsonb_build_object(
            'ie_flag', compared.ie_flag,
            'trade_mode', compared.trade_mode,
            'traf_mode', compared.traf_mode,
            'n_entries', compared.n_entries,
            'n_items', compared.n_items,
            'value_cny', compared.value_cny,
            'gross_wt', compared.gross_wt,
            'baseline_days_with_data', compared.baseline_days_with_data,
            'baseline_mean_entries', round(compared.baseline_mean_entries, 2),
            'delta_entries', round(compared.n_entries - compared.baseline_mean_entries, 2),
            'baseline_mean_value_cny', round(compared.baseline_mean_value_cny, 2),
            'delta_value_cny', round(compared.value_cny - compared.baseline_mean_value_cny, 2)
        ) as metrics
    from compared
    left join customs_units on compared.declare_customs_code = customs_units.customs_code
)

{{ emit_prompts('listed', check) }}
