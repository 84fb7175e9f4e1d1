-- MA-TAR-006 享受协定税率未附原产地证明: the import items released in the window (biz_date - period_days, biz_date]
-- at an FTA rate (applied_rate_type = 'FTA') whose entry has no certificate of origin (no dec_document with
-- docu_code 'Y'). One alert per charged officer (the manual reviewer, else the release officer), with the items,
-- their count and the duty forgone = cny_value * (eff_rate at declaration - applied_duty_rate).
{%- set check = {
    'code': 'MA-TAR-006',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER',
    'name_zh': '享受协定税率未附原产地证明',
    'name_en': 'FTA rate applied without certificate of origin',
    'attribution': 'officer (reviewer/releaser)',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_ma_tar_a_released_items') }}
    where
        ie_flag = 'I'
        and applied_rate_type = 'FTA'
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

documents as (
    select * from {{ ref('stg_raw__dec_document') }}
    where docu_code = 'Y'
),

uncertified as (
    select
        released.*,
        released.cny_value
        * greatest(
            coalesce({{ eff_rate('released.code_ts', 'released.declare_ts') }}, 0)
            - coalesce(released.applied_duty_rate, 0),
            0
        ) as duty_forgone_cny
    from released
    where not exists (
        select 1 from documents
        where released.entry_id = documents.entry_id
    )
),

fired as (
    select
        charged_officer_id as officer_id,
        max(end_ts) as event_ts,
        case when count(distinct trade_co) = 1 then min(trade_co) end as enterprise_code,
        charged_officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', count(*),
            'n_entries', count(distinct entry_id),
            'duty_forgone_cny', round(sum(duty_forgone_cny), 2),
            'items', jsonb_agg(
                jsonb_build_object(
                    'entry_id', entry_id, 'g_no', g_no, 'origin_country', origin_country,
                    'applied_duty_rate', applied_duty_rate
                ) order by entry_id, g_no
            )
        ) as evidence
    from uncertified
    where charged_officer_id is not null
    group by charged_officer_id
)

{{ emit_alerts('fired', check) }}
