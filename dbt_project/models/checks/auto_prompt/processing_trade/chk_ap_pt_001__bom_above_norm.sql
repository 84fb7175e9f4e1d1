-- AP-PT-001 备案单耗/损耗率超标准: a BOM row declared on the business day whose wastage rate exceeds the national norm
-- (or, without a norm, the default maximum) by more than the tolerance, or whose net consumption exceeds the norm's.
{%- set check = {
    'code': 'AP-PT-001',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_BOM',
    'name_zh': '备案单耗/损耗率超标准',
    'name_en': 'Filed consumption or wastage above norm',
    'attribution': 'officer = approver of the manual/BOM change (pt_manual.approve_officer_id or pt_manual_change.approve_officer_id)',
    'params': {'default_max_loss_pct': 5, 'tolerance': 0.2},
} %}
{{ config(meta={'check': check}) }}

with boms as (
    select * from {{ ref('stg_raw__pt_bom') }}
    where {{ local_date('declared_ts') }} = {{ biz_date() }}
),

manual_items as (
    select * from {{ ref('stg_raw__pt_manual_item') }}
),

norms as (
    select * from {{ ref('stg_raw__pt_consumption_norm') }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

bom_changes as (
    select * from {{ ref('stg_raw__pt_manual_change') }}
    where change_type = 'BOM'
),

with_norms as (
    select
        boms.*,
        exg.code_ts as exg_code_ts,
        img.code_ts as img_code_ts,
        norms.norm_cm,
        norms.norm_dm_pct,
        coalesce(norms.norm_dm_pct, {{ check_param(check, 'default_max_loss_pct') }})
        * (1 + {{ check_param(check, 'tolerance') }}) as max_dm_pct,
        norms.norm_cm * (1 + {{ check_param(check, 'tolerance') }}) as max_cm
    from boms
    inner join manual_items as exg
        on boms.manual_no = exg.manual_no and exg.item_type = 'EXG' and boms.exg_seq = exg.item_seq
    inner join manual_items as img
        on boms.manual_no = img.manual_no and img.item_type = 'IMG' and boms.img_seq = img.item_seq
    left join norms on exg.code_ts = norms.exg_code_ts and img.code_ts = norms.img_code_ts
),

above_norm as (
    select *
    from with_norms
    where dec_dm > max_dm_pct or (norm_cm is not null and dec_cm > max_cm)
),

-- version 1 is filed with the manual; a later version is approved by the earliest BOM change of that product
-- approved at or after its declaration
approvals as (
    select
        above_norm.*,
        manuals.trade_co,
        bom_change.change_id,
        coalesce(bom_change.approve_ts, manuals.approve_ts) as approve_ts,
        case
            when bom_change.change_id is not null then bom_change.approve_officer_id
            else manuals.approve_officer_id
        end as approve_officer_id
    from above_norm
    left join manuals on above_norm.manual_no = manuals.manual_no
    left join lateral (
        select
            bom_changes.change_id,
            bom_changes.approve_ts,
            bom_changes.approve_officer_id
        from bom_changes
        where
            above_norm.version > 1
            and bom_changes.manual_no = above_norm.manual_no
            and bom_changes.exg_seq = above_norm.exg_seq
            and bom_changes.approve_ts >= above_norm.declared_ts
        order by bom_changes.approve_ts asc, bom_changes.change_id asc
        limit 1
    ) as bom_change on true
),

fired as (
    select
        approve_officer_id as officer_id,
        trade_co as enterprise_code,
        manual_no || ':' || exg_seq || ':' || img_seq || ':v' || version as object_id,
        coalesce(approve_ts, declared_ts) as event_ts,
        jsonb_build_object(
            'manual_no', manual_no,
            'exg_seq', exg_seq,
            'img_seq', img_seq,
            'version', version,
            'exg_code_ts', exg_code_ts,
            'img_code_ts', img_code_ts,
            'dec_cm', dec_cm,
            'dec_dm', dec_dm,
            'norm_cm', norm_cm,
            'norm_dm_pct', norm_dm_pct,
            'max_dm_pct', max_dm_pct,
            'max_cm', max_cm,
            'approved_by_change_id', change_id
        ) as evidence
    from approvals
)

{{ emit_alerts('fired', check) }}
