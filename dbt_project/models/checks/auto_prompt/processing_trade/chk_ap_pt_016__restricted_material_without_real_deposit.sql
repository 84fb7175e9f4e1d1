-- AP-PT-016 限制类料件未实转保证金: a processing-trade import released on the business day with an item whose tariff
-- line (valid at declaration) is restricted for processing trade, under a manual without a real (实转) deposit, for
-- an operating enterprise whose credit class is not exempt.
{%- set check = {
    'code': 'AP-PT-016',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '限制类料件未实转保证金',
    'name_en': 'Restricted-category material without real deposit',
    'attribution': 'officer = reviewer; and m.approve_officer_id (filing)',
    'params': {'exempt_classes': ['AA', 'A', 'ADV_CERT']},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where is_pt_import and release_date = {{ biz_date() }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

tariff_rates as (
    select * from {{ ref('stg_raw__tariff_rate') }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

enterprises as (
    select * from {{ ref('stg_raw__enterprise') }}
),

restricted_items as (
    select
        entries.entry_id,
        items.g_no,
        items.code_ts
    from entries
    inner join items on entries.entry_id = items.entry_id
    inner join tariff_rates
        on
            items.code_ts = tariff_rates.code_ts
            and tariff_rates.valid_from <= {{ local_date('entries.declare_ts') }}
            and coalesce(tariff_rates.valid_to, date '9999-12-31') >= {{ local_date('entries.declare_ts') }}
    where tariff_rates.pt_restricted
),

per_entry as (
    select
        entry_id,
        jsonb_agg(jsonb_build_object('g_no', g_no, 'code_ts', code_ts) order by g_no) as items
    from restricted_items
    group by entry_id
),

breaches as (
    select
        entries.*,
        per_entry.items,
        manuals.deposit_mode,
        manuals.approve_officer_id as filing_officer_id,
        enterprises.credit_class
    from entries
    inner join per_entry on entries.entry_id = per_entry.entry_id
    inner join manuals on entries.manual_no = manuals.manual_no
    inner join enterprises on manuals.trade_co = enterprises.enterprise_code
    where
        manuals.deposit_mode <> 'REAL'
        and enterprises.credit_class not in {{ pt_sql_list(check_param(check, 'exempt_classes')) }}
),

fired as (
    select
        entry_id as object_id,
        release_ts as event_ts,
        reviewer_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', manual_no,
            'restricted_items', items,
            'deposit_mode', deposit_mode,
            'credit_class', credit_class,
            'filing_officer_id', filing_officer_id
        ) as evidence
    from breaches
)

{{ emit_alerts('fired', check) }}
