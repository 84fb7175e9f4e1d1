-- MA-CLR-007 报关单与舱单件数毛重不符仍放行: an import released in the window (:biz_date - :period_days, :biz_date]
-- whose package count differs from its manifest bill's, or whose gross weight differs from the bill's by more than
-- :tol of the bill's weight, with no manifest change of that bill approved before the release. One alert per entry,
-- charged to the RELEASE officer, with his count of such releases in the window.
-- Reads int_roll_ma_clr_a_release_findings.
{%- set check = {
    'code': 'MA-CLR-007',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '报关单与舱单件数毛重不符仍放行',
    'name_en': 'Declaration/manifest packages or weight mismatch released',
    'attribution': 'officer = RELEASE.officer_id',
    'params': {'period_days': 30, 'tol': 0.05},
} %}
{{ config(meta={'check': check}) }}

with findings as (
    select
        *,
        count(*) over (partition by release_officer_id) as officer_n
    from {{ ref('int_roll_ma_clr_a_release_findings') }}
    where
        finding = 'MANIFEST_MISMATCH'
        and (pack_no <> bill_pack_no or weight_gap > {{ check_param(check, 'tol') }})
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

fired as (
    select
        entry_id as object_id,
        release_ts as event_ts,
        release_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', entry_id,
            'bill_no', bill_no,
            'manifest_id', bill_manifest_id,
            'pack_no', pack_no,
            'bill_pack_no', bill_pack_no,
            'gross_wt', gross_wt,
            'bill_gross_wt', bill_gross_wt,
            'weight_gap', round(weight_gap, 4),
            'tol', {{ check_param(check, 'tol') }},
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'officer_releases_in_window', officer_n
        ) as evidence
    from findings
)

{{ emit_alerts('fired', check) }}
