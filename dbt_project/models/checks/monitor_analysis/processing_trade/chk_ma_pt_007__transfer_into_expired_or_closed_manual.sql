-- MA-PT-007 结转至过期或已核销手册: a transfer whose in (转入) declaration was made in the window
-- (biz_date - period_days, biz_date] into a manual whose validity had ended before the declaration date, or that was
-- already closed when it was declared: status VERIFIED, CLOSED or CANCELLED and its verification closed (or, without
-- one, its last update) at or before the in declaration. Charged to the reviewer of the in entry.
{%- set check = {
    'code': 'MA-PT-007',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_TRANSFER',
    'name_zh': '结转至过期或已核销手册',
    'name_en': 'Transfer into expired or closed manual',
    'attribution': 'officer = reviewer of in_entry_id',
    'params': {'period_days': 90},
} %}
{{ config(meta={'check': check}) }}

with transfers as (
    select * from {{ ref('stg_raw__pt_transfer') }}
    where {{ in_window(local_date('in_declare_ts'), check_param(check, 'period_days')) }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

closes as (
    select
        manual_no,
        min(close_ts) as close_ts
    from {{ ref('stg_raw__pt_verification') }}
    where close_ts is not null
    group by manual_no
),

entries as (
    select distinct on (entry_id)
        entry_id,
        reviewer_officer_id
    from {{ ref('int_roll_ma_pt_items_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
    order by entry_id, reviewer_officer_id
),

judged as (
    select
        t.*,
        d.valid_until,
        d.status as in_manual_status,
        d.trade_co as in_manual_trade_co,
        closes.close_ts as in_manual_close_ts,
        {{ local_date('t.in_declare_ts') }} > d.valid_until as after_expiry,
        d.status in ('VERIFIED', 'CLOSED', 'CANCELLED')
        and coalesce(closes.close_ts, d.last_update_ts) <= t.in_declare_ts as after_close
    from transfers as t
    inner join manuals as d on t.in_manual_no = d.manual_no
    left join closes on t.in_manual_no = closes.manual_no
),

fired as (
    select
        judged.transfer_id as object_id,
        judged.in_declare_ts as event_ts,
        in_e.reviewer_officer_id as officer_id,
        judged.in_co as enterprise_code,
        jsonb_build_object(
            'in_manual_no', judged.in_manual_no,
            'out_manual_no', judged.out_manual_no,
            'in_entry_id', judged.in_entry_id,
            'in_declare_ts', judged.in_declare_ts,
            'valid_until', judged.valid_until,
            'in_manual_status', judged.in_manual_status,
            'in_manual_close_ts', judged.in_manual_close_ts,
            'after_expiry', judged.after_expiry,
            'after_close', judged.after_close
        ) as evidence
    from judged
    left join entries as in_e on judged.in_entry_id = in_e.entry_id
    where judged.after_expiry or judged.after_close
)

{{ emit_alerts('fired', check) }}
