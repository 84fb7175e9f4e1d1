-- AP-PT-013 结转先报出口后报进口: a deep-processing transfer whose out (转出) declaration was made on the business day
-- before any in (转入) declaration, or before the in declaration it has (转入 must be declared first).
{%- set check = {
    'code': 'AP-PT-013',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'PT_TRANSFER',
    'name_zh': '结转先报出口后报进口',
    'name_en': 'Transfer declared out before in',
    'attribution': 'officer = reviewer of t.out_entry_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with transfers as (
    select * from {{ ref('stg_raw__pt_transfer') }}
    where
        {{ local_date('out_declare_ts') }} = {{ biz_date() }}
        and (in_declare_ts is null or in_declare_ts > out_declare_ts)
),

entries as (
    select * from {{ ref('int_pt_entries') }}
),

fired as (
    select
        transfers.transfer_id as object_id,
        transfers.out_declare_ts as event_ts,
        out_entry.reviewer_officer_id as officer_id,
        transfers.out_co as enterprise_code,
        jsonb_build_object(
            'out_entry_id', transfers.out_entry_id,
            'out_declare_ts', transfers.out_declare_ts,
            'in_entry_id', transfers.in_entry_id,
            'in_declare_ts', transfers.in_declare_ts,
            'out_manual_no', transfers.out_manual_no,
            'in_manual_no', transfers.in_manual_no
        ) as evidence
    from transfers
    left join entries as out_entry on transfers.out_entry_id = out_entry.entry_id
)

{{ emit_alerts('fired', check) }}
