-- AP-PT-002 成品出口后变更单耗: a BOM change approved on the business day for a finished product that had already
-- been declared for export under the same manual before the change was applied for (单耗 is declared before export).
{%- set check = {
    'code': 'AP-PT-002',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_MANUAL_CHANGE',
    'name_zh': '成品出口后变更单耗',
    'name_en': 'BOM changed after finished goods were exported',
    'attribution': 'officer = c.approve_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select distinct on (change_id) * from {{ ref('stg_raw__pt_manual_change') }}
    where change_type = 'BOM' and {{ local_date('approve_ts') }} = {{ biz_date() }}
    order by change_id asc, _biz_date desc
),

entries as (
    select * from {{ ref('int_pt_entries') }}
    where is_pt_export
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

earlier_exports as (
    select
        changes.change_id,
        entries.entry_id,
        entries.declare_ts,
        sum(items.g_qty) as exported_qty
    from changes
    inner join entries
        on changes.manual_no = entries.manual_no and changes.apply_ts > entries.declare_ts
    inner join items
        on entries.entry_id = items.entry_id and changes.exg_seq = items.contr_item
    group by changes.change_id, entries.entry_id, entries.declare_ts
),

per_change as (
    select
        change_id,
        count(*) as n_exports,
        sum(exported_qty) as exported_qty,
        min(declare_ts) as first_export_declare_ts,
        (array_agg(entry_id order by declare_ts, entry_id))[1] as first_export_entry_id
    from earlier_exports
    group by change_id
),

fired as (
    select
        changes.change_id::text as object_id,
        changes.approve_ts as event_ts,
        changes.approve_officer_id as officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', changes.manual_no,
            'exg_seq', changes.exg_seq,
            'apply_ts', changes.apply_ts,
            'approve_ts', changes.approve_ts,
            'first_export_entry_id', per_change.first_export_entry_id,
            'first_export_declare_ts', per_change.first_export_declare_ts,
            'n_exports', per_change.n_exports,
            'exported_qty', per_change.exported_qty
        ) as evidence
    from changes
    inner join per_change on changes.change_id = per_change.change_id
    left join manuals on changes.manual_no = manuals.manual_no
)

{{ emit_alerts('fired', check) }}
