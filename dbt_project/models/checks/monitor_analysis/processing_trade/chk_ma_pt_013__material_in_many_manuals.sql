-- MA-PT-013 同一料件多手册重复备案: an operating enterprise with the same material tariff line (IMG code_ts) registered
-- in at least min_manuals distinct manuals that are EXECUTING on the business day (approved on or before it) under
-- the same master customs. One alert per (enterprise, code_ts, master customs), charged to the approver of the most
-- recently approved of those manuals; all manuals and approvers are in the evidence.
{%- set check = {
    'code': 'MA-PT-013',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'ENTERPRISE_MATERIAL',
    'name_zh': '同一料件多手册重复备案',
    'name_en': 'Same material registered in many concurrent manuals',
    'attribution': 'PT section; approving officers',
    'params': {'min_manuals': 3},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where status = 'EXECUTING' and {{ local_date('approve_ts') }} <= {{ biz_date() }}
),

materials as (
    select distinct
        manuals.trade_co,
        manuals.master_customs_code,
        items.code_ts,
        manuals.manual_no,
        manuals.approve_ts,
        manuals.approve_officer_id
    from {{ ref('stg_raw__pt_manual_item') }} as items
    inner join manuals on items.manual_no = manuals.manual_no
    where items.item_type = 'IMG'
),

grouped as (
    select
        trade_co,
        code_ts,
        master_customs_code,
        count(distinct manual_no) as n_manuals,
        jsonb_agg(
            jsonb_build_object('manual_no', manual_no, 'approve_officer_id', approve_officer_id)
            order by approve_ts, manual_no
        ) as manuals
    from materials
    group by trade_co, code_ts, master_customs_code
    having count(distinct manual_no) >= {{ check_param(check, 'min_manuals') }}
),

latest as (
    select distinct on (trade_co, code_ts, master_customs_code)
        trade_co,
        code_ts,
        master_customs_code,
        approve_ts,
        approve_officer_id
    from materials
    order by trade_co asc, code_ts asc, master_customs_code asc, approve_ts desc, manual_no desc
),

fired as (
    select
        latest.approve_ts as event_ts,
        latest.approve_officer_id as officer_id,
        grouped.trade_co as enterprise_code,
        grouped.trade_co || '|' || grouped.code_ts || '|' || grouped.master_customs_code as object_id,
        jsonb_build_object(
            'code_ts', grouped.code_ts,
            'master_customs_code', grouped.master_customs_code,
            'n_manuals', grouped.n_manuals,
            'min_manuals', {{ check_param(check, 'min_manuals') }},
            'manuals', grouped.manuals
        ) as evidence
    from grouped
    inner join latest
        on
            grouped.trade_co = latest.trade_co
            and grouped.code_ts = latest.code_ts
            and grouped.master_customs_code = latest.master_customs_code
)

{{ emit_alerts('fired', check) }}
