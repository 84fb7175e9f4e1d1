-- MA-PT-010 以放弃/销毁方式处置料件成品: per manual with abandonment or destruction entries (trade mode 0200 or 0400)
-- declared in the window (biz_date - period_days, biz_date]: their USD value reaches max_share of the manual's released
-- imports (imports(m), int_pt_manual_balance), or its operating enterprise declared at least min_n such entries in the
-- window over all its manuals. One alert per manual, charged to the reviewer (approving officer) of its latest such
-- entry; the PT section of the declaring customs is in the evidence.
{%- set check = {
    'code': 'MA-PT-010',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '以放弃/销毁方式处置料件成品',
    'name_en': 'Disposal by abandonment/destruction',
    'attribution': 'PT section; approving officers',
    'params': {'period_days': 90, 'max_share': 0.2, 'min_n': 3},
} %}
{{ config(meta={'check': check}) }}

with disposals as (
    select
        entry_id,
        min(manual_no) as manual_no,
        min(trade_co) as trade_co,
        min(trade_mode) as trade_mode,
        min(declare_customs_code) as declare_customs_code,
        min(declare_ts) as declare_ts,
        min(reviewer_officer_id) as reviewer_officer_id,
        sum(usd_value) as usd_value
    from {{ ref('int_roll_ma_pt_items_daily') }}
    where trade_mode in ('0200', '0400') and {{ in_window('activity_date', check_param(check, 'period_days')) }}
    group by entry_id
),

balances as (
    select * from {{ ref('int_pt_manual_balance') }}
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

per_enterprise as (
    select
        trade_co,
        count(*) as n_enterprise_entries
    from disposals
    group by trade_co
),

per_manual as (
    select
        manual_no,
        min(trade_co) as trade_co,
        min(declare_customs_code) as declare_customs_code,
        count(*) as n_entries,
        sum(usd_value) as disposal_usd,
        jsonb_agg(entry_id order by declare_ts, entry_id) as entry_ids
    from disposals
    where manual_no is not null
    group by manual_no
),

latest as (
    select distinct on (manual_no)
        manual_no,
        declare_ts,
        reviewer_officer_id
    from disposals
    where manual_no is not null
    order by manual_no asc, (reviewer_officer_id is not null) desc, declare_ts desc, entry_id desc
),

fired as (
    select
        pm.manual_no as object_id,
        latest.declare_ts as event_ts,
        latest.reviewer_officer_id as officer_id,
        pm.trade_co as enterprise_code,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'entries', pm.entry_ids,
            'disposal_usd', pm.disposal_usd,
            'imports_usd', coalesce(balances.imports_usd, 0),
            'share', round(pm.disposal_usd / nullif(balances.imports_usd, 0), 4),
            'max_share', {{ check_param(check, 'max_share') }},
            'enterprise_entries', pe.n_enterprise_entries,
            'min_n', {{ check_param(check, 'min_n') }},
            'pt_section_unit_code', sections.pt_section_unit_code
        ) as evidence
    from per_manual as pm
    inner join latest on pm.manual_no = latest.manual_no
    inner join per_enterprise as pe on pm.trade_co = pe.trade_co
    left join balances on pm.manual_no = balances.manual_no
    left join sections on pm.declare_customs_code = sections.customs_code
    where
        pm.disposal_usd >= {{ check_param(check, 'max_share') }} * coalesce(balances.imports_usd, 0)
        or pe.n_enterprise_entries >= {{ check_param(check, 'min_n') }}
)

{{ emit_alerts('fired', check) }}
