-- MA-MNF-002 理货溢短未处理: a bill whose tally report (tally_ts, local date) falls in
-- (biz_date - period_days, biz_date - grace_days] and disagrees with the manifest (tally_pack_no <> pack_no, or
-- |tally_gross_wt - gross_wt| / gross_wt > tol), with no manifest change of that bill at all (neither a correction
-- nor a change carrying a penalty case). Charged to the manifest section of the manifest's customs (officer NULL;
-- evidence.manifest_section).
{%- set check = {
    'code': 'MA-MNF-002',
    'module': 'monitor_analysis',
    'business_line': 'manifest_transit',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANIFEST_BILL',
    'name_zh': '理货溢短未处理',
    'name_en': 'Tally discrepancy not handled',
    'attribution': 'manifest section of the customs',
    'params': {'period_days': 30, 'grace_days': 10, 'tol': 0.03},
} %}
{{ config(meta={'check': check}) }}

with bills as (
    select * from {{ ref('stg_raw__manifest_bill') }}
    where
        tally_ts is not null
        and {{ local_date('tally_ts') }} > {{ biz_date() }} - {{ check_param(check, 'period_days') }}
        and {{ local_date('tally_ts') }} <= {{ biz_date() }} - {{ check_param(check, 'grace_days') }}
        and (
            tally_pack_no is distinct from pack_no
            or abs(tally_gross_wt - gross_wt) / nullif(gross_wt, 0) > {{ check_param(check, 'tol') }}
        )
),

manifests as (
    select * from {{ ref('stg_raw__manifest') }}
),

changes as (
    select * from {{ ref('stg_raw__manifest_change') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'MANIFEST'
),

fired as (
    select
        bills.manifest_id || '/' || bills.bill_no as object_id,
        bills.tally_ts as event_ts,
        null::text as officer_id,
        manifests.transmitter_code as enterprise_code,
        jsonb_build_object(
            'manifest_id', bills.manifest_id,
            'bill_no', bills.bill_no,
            'pack_no', bills.pack_no,
            'tally_pack_no', bills.tally_pack_no,
            'gross_wt', bills.gross_wt,
            'tally_gross_wt', bills.tally_gross_wt,
            'weight_gap', round(abs(bills.tally_gross_wt - bills.gross_wt) / nullif(bills.gross_wt, 0), 4),
            'tol', {{ check_param(check, 'tol') }},
            'tally_ts', bills.tally_ts,
            'customs_code', manifests.customs_code,
            'manifest_section', coalesce(post_sections.section_unit_code, manifests.customs_code)
        ) as evidence
    from bills
    left join manifests on bills.manifest_id = manifests.manifest_id
    left join post_sections on manifests.customs_code = post_sections.customs_code
    where not exists (
        select 1 from changes
        where changes.manifest_id = bills.manifest_id and changes.bill_no = bills.bill_no
    )
)

{{ emit_alerts('fired', check) }}
