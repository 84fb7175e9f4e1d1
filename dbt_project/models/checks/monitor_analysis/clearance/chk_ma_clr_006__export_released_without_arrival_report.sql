-- MA-CLR-006 出口无运抵报告放行: a sea export (traf_mode 2) released in the window (:biz_date - :period_days,
-- :biz_date] whose manifest bill (same bill_no, and manifest_id when the declaration carries one) has no arrival
-- report, or one made after the release. One alert per entry, charged to the RELEASE officer, with his count of
-- such releases in the window. Reads int_roll_ma_clr_a_release_findings.
{%- set check = {
    'code': 'MA-CLR-006',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '出口无运抵报告放行',
    'name_en': 'Export released without arrival report',
    'attribution': 'officer = RELEASE.officer_id',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with findings as (
    select
        *,
        count(*) over (partition by release_officer_id) as officer_n
    from {{ ref('int_roll_ma_clr_a_release_findings') }}
    where
        finding = 'EXPORT_NO_ARRIVAL_REPORT'
        and ie_flag = 'E'
        and traf_mode = '2'
        and (arrival_report_ts is null or arrival_report_ts > release_ts)
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
            'release_ts', release_ts,
            'arrival_report_ts', arrival_report_ts,
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'officer_releases_in_window', officer_n
        ) as evidence
    from findings
)

{{ emit_alerts('fired', check) }}
