-- MA-MNF-001 放行后修改或删除舱单: a manifest change approved in the window (biz_date - period_days, biz_date] (local
-- approval date) that deletes a bill or modifies one of its key fields (pack_no, gross_wt, goods_desc,
-- consignee_name), approved after a declaration with that bill number was released (int_entry_release.release_ts
-- < approve_ts) or after the goods left the yard (manifest_bill.gate_out_ts < approve_ts). Charged to the approving
-- officer (NULL when approved automatically).
{%- set check = {
    'code': 'MA-MNF-001',
    'module': 'monitor_analysis',
    'business_line': 'manifest_transit',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANIFEST_CHANGE',
    'name_zh': '放行后修改或删除舱单',
    'name_en': 'Manifest amended or deleted after release',
    'attribution': 'officer = approve_officer_id',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select * from {{ ref('stg_raw__manifest_change') }}
    where
        bill_no is not null
        and (change_type = 'DELETE' or field_name in ('pack_no', 'gross_wt', 'goods_desc', 'consignee_name'))
        and {{ in_window(local_date('approve_ts'), check_param(check, 'period_days')) }}
),

bills as (
    select * from {{ ref('stg_raw__manifest_bill') }}
),

declarations as (
    select
        entry_id,
        bill_no,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
    where bill_no in (select changes.bill_no from changes)
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

released as (
    select distinct on (changes.change_id)
        changes.change_id,
        declarations.entry_id,
        declarations.trade_co,
        releases.release_ts
    from changes
    inner join declarations on changes.bill_no = declarations.bill_no
    inner join releases on declarations.entry_id = releases.entry_id
    where releases.release_ts < changes.approve_ts
    order by changes.change_id asc, releases.release_ts asc
),

fired as (
    select
        changes.change_id::text as object_id,
        changes.approve_ts as event_ts,
        changes.approve_officer_id as officer_id,
        released.trade_co as enterprise_code,
        jsonb_build_object(
            'manifest_id', changes.manifest_id,
            'bill_no', changes.bill_no,
            'change_type', changes.change_type,
            'field_name', changes.field_name,
            'old_value', changes.old_value,
            'new_value', changes.new_value,
            'approve_ts', changes.approve_ts,
            'entry_id', released.entry_id,
            'release_ts', released.release_ts,
            'gate_out_ts', bills.gate_out_ts
        ) as evidence
    from changes
    left join released on changes.change_id = released.change_id
    left join bills on changes.manifest_id = bills.manifest_id and changes.bill_no = bills.bill_no
    where released.change_id is not null or bills.gate_out_ts < changes.approve_ts
)

{{ emit_alerts('fired', check) }}
