-- AP-PT-020 报核后或到期后变更手册: an increase, new item or BOM change approved on the business day that was applied
-- for after the manual's validity ended or after the manual was reported for verification.
{%- set check = {
    'code': 'AP-PT-020',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_MANUAL_CHANGE',
    'name_zh': '报核后或到期后变更手册',
    'name_en': 'Manual changed after report or expiry',
    'attribution': 'officer = c.approve_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select distinct on (change_id) * from {{ ref('stg_raw__pt_manual_change') }}
    where
        change_type in ('QTY_INCREASE', 'AMOUNT_INCREASE', 'ADD_ITEM', 'BOM')
        and {{ local_date('approve_ts') }} = {{ biz_date() }}
    order by change_id asc, _biz_date desc
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
),

late_changes as (
    select
        changes.*,
        manuals.trade_co,
        manuals.valid_until,
        reported.first_report_ts,
        {{ local_date('changes.apply_ts') }} > manuals.valid_until as after_expiry
    from changes
    inner join manuals on changes.manual_no = manuals.manual_no
    left join lateral (
        select min(verifications.report_ts) as first_report_ts
        from verifications
        where verifications.manual_no = changes.manual_no
    ) as reported on true
    where
        {{ local_date('changes.apply_ts') }} > manuals.valid_until
        or reported.first_report_ts < changes.apply_ts
),

fired as (
    select
        change_id::text as object_id,
        approve_ts as event_ts,
        approve_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', manual_no,
            'change_type', change_type,
            'apply_ts', apply_ts,
            'valid_until', valid_until,
            'report_ts', first_report_ts,
            'after_expiry', after_expiry
        ) as evidence
    from late_changes
)

{{ emit_alerts('fired', check) }}
