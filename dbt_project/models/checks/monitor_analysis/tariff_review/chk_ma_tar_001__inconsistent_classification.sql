-- MA-TAR-001 同企业同品名归类不一致: over the window (biz_date - period_days, biz_date], the released import items of
-- one enterprise with one normalised goods name (g_name lower-cased, blanks removed) carry at least two commodity
-- codes whose eff_rate at declaration differs by at least min_rate_gap. Fires once per (charged officer,
-- enterprise, goods name) for the officer who passed the low-rate items (eff_rate <= the group's highest rate -
-- min_rate_gap): the manual reviewer, or the release officer of an electronically reviewed entry.
{%- set check = {
    'code': 'MA-TAR-001',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE_GOODS',
    'name_zh': '同企业同品名归类不一致',
    'name_en': 'Same enterprise and product classified inconsistently',
    'attribution': 'officers who passed the lower-rate entries; section',
    'params': {'period_days': 30, 'min_rate_gap': 0.03},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_ma_tar_a_released_items') }}
    where
        ie_flag = 'I'
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

rated as (
    select
        released.*,
        lower(regexp_replace(released.g_name, '\s', '', 'g')) as norm_name,
        {{ eff_rate('released.code_ts', 'released.declare_ts') }} as eff_rate
    from released
),

inconsistent as (
    select
        trade_co,
        norm_name,
        count(distinct code_ts) as n_codes,
        count(distinct entry_id) as n_entries,
        max(eff_rate) as max_rate,
        min(eff_rate) as min_rate
    from rated
    where eff_rate is not null and norm_name <> ''
    group by trade_co, norm_name
    having
        count(distinct code_ts) >= 2
        and max(eff_rate) - min(eff_rate) >= {{ check_param(check, 'min_rate_gap') }}
),

low_rate as (
    select
        rated.*,
        inconsistent.n_codes,
        inconsistent.n_entries,
        inconsistent.max_rate,
        inconsistent.min_rate
    from rated
    inner join inconsistent
        on rated.trade_co = inconsistent.trade_co and rated.norm_name = inconsistent.norm_name
    where rated.eff_rate <= inconsistent.max_rate - {{ check_param(check, 'min_rate_gap') }}
),

fired as (
    select
        charged_officer_id as officer_id,
        trade_co as enterprise_code,
        max(end_ts) as event_ts,
        concat_ws('|', charged_officer_id, trade_co, norm_name) as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'goods_name', norm_name,
            'n_codes', max(n_codes),
            'n_entries', max(n_entries),
            'max_rate', max(max_rate),
            'min_rate', max(min_rate),
            'min_rate_gap', {{ check_param(check, 'min_rate_gap') }},
            'n', count(*),
            'low_rate_items', jsonb_agg(
                jsonb_build_object('entry_id', entry_id, 'g_no', g_no, 'code_ts', code_ts, 'eff_rate', eff_rate)
                order by entry_id, g_no
            )
        ) as evidence
    from low_rate
    group by charged_officer_id, trade_co, norm_name
)

{{ emit_alerts('fired', check) }}
