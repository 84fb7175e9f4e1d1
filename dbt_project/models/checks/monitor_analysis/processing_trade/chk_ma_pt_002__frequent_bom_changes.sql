-- MA-PT-002 单耗频繁变更: BOM changes (pt_manual_change, change_type BOM, counted once per change_id) approved in the
-- window (biz_date - period_days, biz_date]. A manual with at least min_changes of them is "frequent". Per approver:
-- the share of frequent manuals among the manuals whose BOM changes the officer approved in the window. Fires for
-- each (approver, frequent manual) pair when the approver's share exceeds the p90 of the other approvers of the same
-- master customs (no other approver: norm 0).
{%- set check = {
    'code': 'MA-PT-002',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'OFFICER_MANUAL',
    'name_zh': '单耗频繁变更',
    'name_en': 'Frequent BOM changes',
    'attribution': 'officer = approver',
    'params': {'period_days': 90, 'min_changes': 3},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select distinct on (change_id)
        change_id,
        manual_no,
        approve_officer_id,
        approve_ts
    from {{ ref('stg_raw__pt_manual_change') }}
    where
        change_type = 'BOM'
        and approve_officer_id is not null
        and {{ in_window(local_date('approve_ts'), check_param(check, 'period_days')) }}
    order by change_id asc, approve_ts desc
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

per_manual as (
    select
        manual_no,
        count(*) as n_changes,
        count(*) >= {{ check_param(check, 'min_changes') }} as is_frequent
    from changes
    group by manual_no
),

officer_manual as (
    select
        changes.approve_officer_id as officer_id,
        changes.manual_no,
        manuals.master_customs_code,
        manuals.trade_co,
        per_manual.n_changes,
        per_manual.is_frequent,
        count(*) as n_approved_by_officer,
        max(changes.approve_ts) as last_approve_ts
    from changes
    inner join per_manual on changes.manual_no = per_manual.manual_no
    left join manuals on changes.manual_no = manuals.manual_no
    group by
        changes.approve_officer_id,
        changes.manual_no,
        manuals.master_customs_code,
        manuals.trade_co,
        per_manual.n_changes,
        per_manual.is_frequent
),

officer_share as (
    select
        officer_id,
        master_customs_code,
        count(*) as n_manuals,
        count(*) filter (where is_frequent) as n_frequent,
        count(*) filter (where is_frequent)::numeric / count(*) as frequent_share
    from officer_manual
    group by officer_id, master_customs_code
),

with_norm as (
    select
        me.*,
        (
            select percentile_cont(0.9) within group (order by other.frequent_share)
            from officer_share as other
            where other.master_customs_code = me.master_customs_code and other.officer_id <> me.officer_id
        ) as peer_p90
    from officer_share as me
),

fired as (
    select
        om.last_approve_ts as event_ts,
        om.officer_id,
        om.trade_co as enterprise_code,
        om.officer_id || '|' || om.manual_no as object_id,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'manual_no', om.manual_no,
            'n_changes', om.n_changes,
            'n_approved_by_officer', om.n_approved_by_officer,
            'min_changes', {{ check_param(check, 'min_changes') }},
            'officer_manuals', with_norm.n_manuals,
            'officer_frequent_manuals', with_norm.n_frequent,
            'share', round(with_norm.frequent_share, 4),
            'peer_p90', round(coalesce(with_norm.peer_p90, 0)::numeric, 4)
        ) as evidence
    from officer_manual as om
    inner join with_norm
        on
            om.officer_id = with_norm.officer_id
            and om.master_customs_code is not distinct from with_norm.master_customs_code
    where om.is_frequent and with_norm.frequent_share > coalesce(with_norm.peer_p90, 0)
)

{{ emit_alerts('fired', check) }}
