-- MA-TAR-011 适用税率低于税则规定: the import items released in the window (biz_date - period_days, biz_date] whose
-- applied_duty_rate is more than min_gap below the rate their applied_rate_type entitles them to in the tariff row
-- valid at declaration: MFN → mfn_rate; PROVISIONAL → provisional_rate when the row valid at declaration has one,
-- else mfn_rate; QUOTA → quota_rate only when the entry carries a quota certificate (docu_code 't' or 'e'), else
-- COALESCE(provisional, mfn); FTA → fta_rates->>origin_country, else COALESCE(provisional, mfn); GENERAL →
-- general_rate (SPECIAL is not evaluated: the tariff holds no special rates). One alert per charged officer (the
-- manual reviewer, else the release officer).
{%- set check = {
    'code': 'MA-TAR-011',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'OFFICER',
    'name_zh': '适用税率低于税则规定',
    'name_en': 'Applied rate below the tariff for the rate type',
    'attribution': 'officer (reviewer/releaser)',
    'params': {'period_days': 30, 'min_gap': 0.005},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_ma_tar_a_released_items') }}
    where
        ie_flag = 'I'
        and applied_duty_rate is not null
        and applied_rate_type is not null
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

tariff as (
    select * from {{ ref('stg_raw__tariff_rate') }}
),

quota_documents as (
    select distinct entry_id from {{ ref('stg_raw__dec_document') }}
    where docu_code in ('t', 'e')
),

expected as (
    select
        released.*,
        rate.mfn_rate,
        rate.provisional_rate,
        case released.applied_rate_type
            when 'MFN' then rate.mfn_rate
            when 'PROVISIONAL' then coalesce(rate.provisional_rate, rate.mfn_rate)
            when 'QUOTA'
                then
                    case
                        when quota_documents.entry_id is not null
                            then coalesce(rate.quota_rate, rate.provisional_rate, rate.mfn_rate)
                        else coalesce(rate.provisional_rate, rate.mfn_rate)
                    end
            when 'FTA'
                then
                    coalesce(
                        (rate.fta_rates ->> trim(released.origin_country))::numeric,
                        rate.provisional_rate,
                        rate.mfn_rate
                    )
            when 'GENERAL' then rate.general_rate
        end as expected_rate
    from released
    left join lateral (
        select tariff.*
        from tariff
        where
            tariff.code_ts = trim(released.code_ts)
            and tariff.valid_from <= {{ local_date('released.declare_ts') }}
            and coalesce(tariff.valid_to, date '9999-12-31') >= {{ local_date('released.declare_ts') }}
        order by tariff.valid_from desc
        limit 1
    ) as rate on true
    left join quota_documents on released.entry_id = quota_documents.entry_id
),

below as (
    select *
    from expected
    where applied_duty_rate < expected_rate - {{ check_param(check, 'min_gap') }}
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
            'min_gap', {{ check_param(check, 'min_gap') }},
            'duty_shortfall_cny', round(sum(cny_value * (expected_rate - applied_duty_rate)), 2),
            'items', jsonb_agg(
                jsonb_build_object(
                    'entry_id', entry_id, 'g_no', g_no, 'code_ts', code_ts, 'rate_type', applied_rate_type,
                    'applied_rate', applied_duty_rate, 'expected_rate', expected_rate
                ) order by entry_id, g_no
            )
        ) as evidence
    from below
    where charged_officer_id is not null
    group by charged_officer_id
)

{{ emit_alerts('fired', check) }}
