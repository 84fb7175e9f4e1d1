{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ ma_pt_delete_touched('activity_date') }}",
        indexes=[
            {'columns': ['activity_date']},
            {'columns': ['manual_no']},
            {'columns': ['code_ts']},
        ],
    )
}}
-- depends_on: {{ ref('stg_raw__dec_head') }}, {{ ref('stg_raw__dec_workflow') }}, {{ ref('stg_raw__dec_item') }}
-- The processing-trade declaration items per local declaration date: the rolling base of the MA-PT analyses (import
-- and export prices per manual, domestic-sale and abandonment shares, scrap prices, entries after a manual's close).
-- One row per (declaration date, entry, item) of every PT entry (int_pt_entries: PT trade mode or filed under a
-- manual), with the entry's trade-mode group, release state and reviewer. A night recomputes only the declaration
-- dates of the entries its delivery touched (macros/ma_processing_trade.sql), so a 90-day window costs a day.
with entries as (
    select * from {{ ref('int_pt_entries') }}
    where {{ ma_pt_dates_filter(local_date('declare_ts')) }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
)

select
    {{ local_date('entries.declare_ts') }} as activity_date,
    entries.entry_id,
    items.g_no,
    entries.ie_flag,
    entries.trade_mode,
    entries.analytic_category,
    entries.manual_no,
    entries.related_manual_no,
    entries.trade_co,
    entries.declare_customs_code,
    entries.declare_ts,
    entries.is_released,
    entries.is_pt_import,
    entries.is_pt_export,
    entries.reviewer_officer_id,
    items.code_ts,
    items.contr_item,
    items.g_qty,
    items.g_unit,
    items.decl_price,
    items.trade_curr,
    items.usd_value,
    items.usd_value / nullif(items.g_qty, 0) as usd_unit_price
from entries
inner join items on entries.entry_id = items.entry_id
