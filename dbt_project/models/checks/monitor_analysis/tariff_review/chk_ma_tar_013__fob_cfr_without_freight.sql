-- MA-TAR-013 FOB/CFR进口未计运保费: the import declarations whose manual review ended in the window
-- (biz_date - period_days, biz_date] declared FOB (trans_mode '3') without freight (fee_rate NULL or 0), or FOB or
-- C&F (trans_mode '2' or '3') without insurance (insur_rate NULL or 0), moved by a real cross-border transport
-- (traf_mode not 0, 1, 7, 8, W, X, Y, Z, the zone flows). One alert per reviewer; the estimated understatement
-- is total_value_cny * (freight_pct where freight is missing + insur_pct where insurance is missing).
{%- set check = {
    'code': 'MA-TAR-013',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'OFFICER',
    'name_zh': 'FOB/CFR进口未计运保费',
    'name_en': 'FOB/C&F imports without freight or insurance',
    'attribution': 'officer (reviewer)',
    'params': {'period_days': 30, 'freight_pct': 0.05, 'insur_pct': 0.003},
} %}
{{ config(meta={'check': check}) }}

with reviewed as (
    select distinct
        entry_id,
        officer_id,
        trade_co,
        trans_mode,
        traf_mode,
        fee_rate,
        insur_rate,
        total_value_cny,
        end_ts
    from {{ ref('int_roll_ma_tar_a_handled_items') }}
    where
        step_code = 'MANUAL_REVIEW'
        and ie_flag = 'I'
        and officer_id is not null
        and trans_mode in ('2', '3')
        and traf_mode not in ('0', '1', '7', '8', 'W', 'X', 'Y', 'Z')
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

missing as (
    select
        reviewed.*,
        reviewed.trans_mode = '3' and coalesce(reviewed.fee_rate, 0) = 0 as freight_missing,
        coalesce(reviewed.insur_rate, 0) = 0 as insurance_missing
    from reviewed
),

understated as (
    select
        missing.*,
        missing.total_value_cny * (
            case when missing.freight_missing then {{ check_param(check, 'freight_pct') }} else 0 end
            + case when missing.insurance_missing then {{ check_param(check, 'insur_pct') }} else 0 end
        ) as understatement_cny
    from missing
    where missing.freight_missing or missing.insurance_missing
),

fired as (
    select
        officer_id,
        max(end_ts) as event_ts,
        case when count(distinct trade_co) = 1 then min(trade_co) end as enterprise_code,
        officer_id as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', count(distinct entry_id),
            'estimated_understatement_cny', round(sum(understatement_cny), 2),
            'freight_pct', {{ check_param(check, 'freight_pct') }},
            'insur_pct', {{ check_param(check, 'insur_pct') }},
            'entries', jsonb_agg(
                jsonb_build_object(
                    'entry_id', entry_id, 'trans_mode', trans_mode, 'freight_missing', freight_missing,
                    'insurance_missing', insurance_missing
                ) order by entry_id
            )
        ) as evidence
    from understated
    group by officer_id
)

{{ emit_alerts('fired', check) }}
