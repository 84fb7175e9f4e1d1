-- MA-CLR-004 查验取证要素缺失: per lead inspector and site, over the window (:biz_date - :period_days, :biz_date],
-- the opening inspections (PARTIAL, FULL) ended in the window; evidence is missing when no photo was taken, or when
-- a hit (ABNORMAL, SEIZURE) on goods of a chapter in :sample_chapters took no sample. Fires when the rate of such
-- inspections exceeds :max_rate (the catalogue sets no minimum count: one inspection is enough).
-- Reads the rolling int_roll_ma_clr_a_inspection_daily.
{%- set check = {
    'code': 'MA-CLR-004',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'OFFICER_SITE',
    'name_zh': '查验取证要素缺失',
    'name_en': 'Inspection evidence missing',
    'attribution': 'officer (inspector); site',
    'params': {'period_days': 30, 'sample_chapters': ['28', '29', '38', '39', '72'], 'max_rate': 0.1},
} %}
{{ config(meta={'check': check}) }}

with per_officer_site as (
    select
        lead_officer_id,
        site_code,
        sum(n_opening)::int as n,
        sum(n_evidence_missing)::int as n_missing
    from {{ ref('int_roll_ma_clr_a_inspection_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
    group by 1, 2
),

fired as (
    select
        lead_officer_id || '|' || site_code as object_id,
        {{ end_of_biz_date() }} - interval '1 second' as event_ts,
        lead_officer_id as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'site_code', site_code,
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n', n,
            'n_missing', n_missing,
            'rate', round(n_missing::numeric / n, 4),
            'max_rate', {{ check_param(check, 'max_rate') }}
        ) as evidence
    from per_officer_site
    where n > 0 and n_missing::numeric / n > {{ check_param(check, 'max_rate') }}
)

{{ emit_alerts('fired', check) }}
