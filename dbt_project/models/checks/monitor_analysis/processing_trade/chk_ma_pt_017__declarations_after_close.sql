-- MA-PT-017 核销后仍有进出口: a declaration filed under a manual (dec_head.manual_no) after that manual's verification
-- closed (declare_ts > close_ts), declared in the window (biz_date - period_days, biz_date]. One alert per declaration,
-- charged to its reviewer; the verifier is in the evidence.
{%- set check = {
    'code': 'MA-PT-017',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'ENTRY',
    'name_zh': '核销后仍有进出口',
    'name_en': 'Declarations under a manual after close',
    'attribution': 'officers of the later entries; verifier',
    'params': {'period_days': 90},
} %}
{{ config(meta={'check': check}) }}

with closes as (
    select distinct on (manual_no)
        manual_no,
        verif_id,
        close_ts,
        officer_id
    from {{ ref('stg_raw__pt_verification') }}
    where close_ts is not null
    order by manual_no asc, close_ts asc, verif_id asc
),

later as (
    select
        items.entry_id,
        min(items.manual_no) as manual_no,
        min(items.trade_co) as trade_co,
        min(items.ie_flag) as ie_flag,
        min(items.trade_mode) as trade_mode,
        min(items.declare_ts) as declare_ts,
        min(items.reviewer_officer_id) as reviewer_officer_id,
        sum(items.usd_value) as usd_value
    from {{ ref('int_roll_ma_pt_items_daily') }} as items
    inner join closes on items.manual_no = closes.manual_no
    where
        {{ in_window('items.activity_date', check_param(check, 'period_days')) }}
        and items.declare_ts > closes.close_ts
    group by items.entry_id
),

fired as (
    select
        later.entry_id as object_id,
        later.declare_ts as event_ts,
        later.reviewer_officer_id as officer_id,
        later.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', later.manual_no,
            'ie_flag', later.ie_flag,
            'trade_mode', later.trade_mode,
            'declare_ts', later.declare_ts,
            'usd_value', later.usd_value,
            'verif_id', closes.verif_id,
            'close_ts', closes.close_ts,
            'verifier_officer_id', closes.officer_id
        ) as evidence
    from later
    inner join closes on later.manual_no = closes.manual_no
)

{{ emit_alerts('fired', check) }}
