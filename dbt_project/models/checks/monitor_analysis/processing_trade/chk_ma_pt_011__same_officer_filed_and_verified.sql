-- MA-PT-011 备案与核销为同一人: a verification closed in the window (biz_date - period_days, biz_date] whose officer
-- approved the manual itself (pt_manual.approve_officer_id), or approved at least k BOM changes of the same manual
-- (counted once per change_id). Charged to that officer.
{%- set check = {
    'code': 'MA-PT-011',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_VERIFICATION',
    'name_zh': '备案与核销为同一人',
    'name_en': 'Same officer filed and verified the manual',
    'attribution': 'officer',
    'params': {'period_days': 90, 'k': 2},
} %}
{{ config(meta={'check': check}) }}

with verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
    where
        close_ts is not null
        and officer_id is not null
        and {{ in_window(local_date('close_ts'), check_param(check, 'period_days')) }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

bom_approvals as (
    select
        manual_no,
        approve_officer_id,
        count(distinct change_id) as n_bom_changes
    from {{ ref('stg_raw__pt_manual_change') }}
    where change_type = 'BOM' and approve_officer_id is not null
    group by manual_no, approve_officer_id
),

fired as (
    select
        v.verif_id as object_id,
        v.close_ts as event_ts,
        v.officer_id,
        m.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', v.manual_no,
            'close_ts', v.close_ts,
            'manual_approve_officer_id', m.approve_officer_id,
            'filed_by_verifier', coalesce(m.approve_officer_id = v.officer_id, false),
            'bom_changes_approved_by_verifier', coalesce(b.n_bom_changes, 0),
            'k', {{ check_param(check, 'k') }}
        ) as evidence
    from verifications as v
    left join manuals as m on v.manual_no = m.manual_no
    left join bom_approvals as b on v.manual_no = b.manual_no and v.officer_id = b.approve_officer_id
    where
        m.approve_officer_id = v.officer_id
        or coalesce(b.n_bom_changes, 0) >= {{ check_param(check, 'k') }}
)

{{ emit_alerts('fired', check) }}
