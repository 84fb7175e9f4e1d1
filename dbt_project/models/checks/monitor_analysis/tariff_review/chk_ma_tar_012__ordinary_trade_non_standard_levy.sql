-- MA-TAR-012 一般贸易非常规征免: the import declarations released in the window (biz_date - period_days, biz_date]
-- under ordinary trade (trade_mode '0110') with a levy kind other than 一般征税 (cut_mode <> '101') or an item
-- with a duty mode other than 照章征税 (duty_mode <> '1'), not quoting a 征免税证明 (manual_no not 'Z…'), per rule
-- DP000001. One alert per charged officer (the manual reviewer, else the release officer).
{%- set check = {
    'code': 'MA-TAR-012',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER',
    'name_zh': '一般贸易非常规征免',
    'name_en': 'Ordinary trade declared with non-standard levy',
    'attribution': 'officer (reviewer/releaser)',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_ma_tar_a_released_items') }}
    where
        ie_flag = 'I'
        and trade_mode = '0110'
        and coalesce(manual_no, '') not like 'Z%'
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

entries as (
    select
        entry_id,
        trade_co,
        cut_mode,
        max(end_ts) as release_ts,
        min(charged_officer_id) as charged_officer_id,
        array_agg(distinct duty_mode) filter (where duty_mode <> '1') as other_duty_modes
    from released
    group by entry_id, trade_co, cut_mode
),

irregular as (
    select *
    from entries
    where cut_mode <> '101' or other_duty_modes is not null
),

fired as (
    select
        charged_officer_id as officer_id,
        max(release_ts) as event_ts,
        case when count(distinct trade_co) = 1 then min(trade_co) end as enterprise_code,
        charged_officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', count(*),
            'entries', jsonb_agg(
                jsonb_build_object(
                    'entry_id', entry_id, 'cut_mode', cut_mode, 'duty_modes', to_jsonb(other_duty_modes)
                ) order by entry_id
            )
        ) as evidence
    from irregular
    where charged_officer_id is not null
    group by charged_officer_id
)

{{ emit_alerts('fired', check) }}
