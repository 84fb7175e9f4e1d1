-- MA-CLR-005 作业时序倒置(疑似补录): a step out of order whose later step falls in the window
-- (:biz_date - :period_days, :biz_date]: a release before the end of an executed inspection of the entry, or before
-- a tax bill was paid with no guarantee accepted by then; an inspection started before its control order was issued;
-- a MANUAL_REVIEW that ends before it starts. One alert per entry and finding, charged to the officer of the later
-- (out-of-order) step, with his count of such findings in the window. Reads int_roll_ma_clr_a_step_order_daily.
{%- set check = {
    'code': 'MA-CLR-005',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY_STEP',
    'name_zh': '作业时序倒置(疑似补录)',
    'name_en': 'Step timestamps out of order (suspected back-filling)',
    'attribution': 'officer of the out-of-order step',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with findings as (
    select
        *,
        count(*) over (partition by officer_id) as officer_n
    from {{ ref('int_roll_ma_clr_a_step_order_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

fired as (
    select
        findings.later_ts as event_ts,
        findings.officer_id,
        declarations.trade_co as enterprise_code,
        findings.entry_id || '|' || findings.finding as object_id,
        jsonb_build_object(
            'entry_id', findings.entry_id,
            'finding', findings.finding,
            'later_step', findings.later_step,
            'later_ts', findings.later_ts,
            'earlier_ts', findings.earlier_ts,
            'ref_id', findings.ref_id,
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'officer_findings_in_window', findings.officer_n
        ) as evidence
    from findings
    left join declarations on findings.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
