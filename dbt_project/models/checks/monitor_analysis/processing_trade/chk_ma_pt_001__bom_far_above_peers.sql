-- MA-PT-001 单耗明显高于同行: across active manuals (EXECUTING or REPORTED), the current BOM row (latest version) of a
-- (product tariff line, material tariff line) pair whose gross consumption dec_cm × (1 + dec_dm/100) exceeds k × the
-- median of that pair's gross consumption over all active manuals, when at least min_peers enterprises use the pair.
-- One alert per manual and pair, charged to the approver of that BOM version (as AP-PT-001).
{%- set check = {
    'code': 'MA-PT-001',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_BOM',
    'name_zh': '单耗明显高于同行',
    'name_en': 'Consumption ratio far above peers',
    'attribution': 'officer = approver of the BOM',
    'params': {'min_peers': 5, 'k': 1.5},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where status in ('EXECUTING', 'REPORTED')
),

manual_items as (
    select * from {{ ref('stg_raw__pt_manual_item') }}
),

bom_changes as (
    select * from {{ ref('stg_raw__pt_manual_change') }}
    where change_type = 'BOM'
),

current_boms as (
    select distinct on (b.manual_no, b.exg_seq, b.img_seq) b.*
    from {{ ref('stg_raw__pt_bom') }} as b
    inner join manuals on b.manual_no = manuals.manual_no
    where {{ local_date('b.effective_ts') }} <= {{ biz_date() }}
    order by b.manual_no asc, b.exg_seq asc, b.img_seq asc, b.version desc
),

gross as (
    select
        current_boms.*,
        manuals.trade_co,
        manuals.approve_ts as manual_approve_ts,
        manuals.approve_officer_id as manual_approve_officer_id,
        exg.code_ts as exg_code_ts,
        img.code_ts as img_code_ts,
        current_boms.dec_cm * (1 + current_boms.dec_dm / 100.0) as gross_cm
    from current_boms
    inner join manuals on current_boms.manual_no = manuals.manual_no
    inner join manual_items as exg
        on current_boms.manual_no = exg.manual_no and exg.item_type = 'EXG' and current_boms.exg_seq = exg.item_seq
    inner join manual_items as img
        on current_boms.manual_no = img.manual_no and img.item_type = 'IMG' and current_boms.img_seq = img.item_seq
),

peers as (
    select
        exg_code_ts,
        img_code_ts,
        count(distinct trade_co) as n_enterprises,
        count(*) as n_manuals,
        percentile_cont(0.5) within group (order by gross_cm) as peer_median
    from gross
    group by exg_code_ts, img_code_ts
    having count(distinct trade_co) >= {{ check_param(check, 'min_peers') }}
),

above as (
    select
        gross.*,
        peers.n_enterprises,
        peers.n_manuals,
        peers.peer_median,
        peers.peer_median * {{ check_param(check, 'k') }} as threshold
    from gross
    inner join peers on gross.exg_code_ts = peers.exg_code_ts and gross.img_code_ts = peers.img_code_ts
    where gross.gross_cm > peers.peer_median * {{ check_param(check, 'k') }}
),

approvals as (
    select
        above.*,
        bom_change.change_id,
        coalesce(bom_change.approve_ts, above.manual_approve_ts) as approve_ts,
        case
            when bom_change.change_id is not null then bom_change.approve_officer_id
            else above.manual_approve_officer_id
        end as approve_officer_id
    from above
    left join lateral (
        select
            bom_changes.change_id,
            bom_changes.approve_ts,
            bom_changes.approve_officer_id
        from bom_changes
        where
            above.version > 1
            and bom_changes.manual_no = above.manual_no
            and bom_changes.exg_seq = above.exg_seq
            and bom_changes.approve_ts >= above.declared_ts
        order by bom_changes.approve_ts asc, bom_changes.change_id asc
        limit 1
    ) as bom_change on true
),

fired as (
    select
        approve_officer_id as officer_id,
        trade_co as enterprise_code,
        manual_no || ':' || exg_seq || ':' || img_seq as object_id,
        coalesce(approve_ts, effective_ts) as event_ts,
        jsonb_build_object(
            'manual_no', manual_no,
            'exg_seq', exg_seq,
            'img_seq', img_seq,
            'version', version,
            'exg_code_ts', exg_code_ts,
            'img_code_ts', img_code_ts,
            'dec_cm', dec_cm,
            'dec_dm', dec_dm,
            'gross_cm', round(gross_cm, 6),
            'peer_median', round(peer_median::numeric, 6),
            'ratio', round((gross_cm / nullif(peer_median, 0))::numeric, 4),
            'threshold', round(threshold::numeric, 6),
            'n_enterprises', n_enterprises,
            'n_manuals', n_manuals,
            'approved_by_change_id', change_id
        ) as evidence
    from approvals
)

{{ emit_alerts('fired', check) }}
