-- AP-PT-012 深加工结转收发数量不符: a deep-processing transfer with an in or out declaration on the business day whose
-- declared in and out quantities differ by more than the tolerance, or whose out quantity differs from the shipped one.
{%- set check = {
    'code': 'AP-PT-012',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'PT_TRANSFER',
    'name_zh': '深加工结转收发数量不符',
    'name_en': 'Deep-processing transfer: in/out quantities differ',
    'attribution': 'officers = reviewers of in_entry_id and out_entry_id',
    'params': {'tol_pct': 0.01},
} %}
{{ config(meta={'check': check}) }}

with transfers as (
    select * from {{ ref('stg_raw__pt_transfer') }}
    where
        (
            {{ local_date('in_declare_ts') }} = {{ biz_date() }}
            or {{ local_date('out_declare_ts') }} = {{ biz_date() }}
        )
        and in_qty is not null
        and out_qty is not null
),

entries as (
    select * from {{ ref('int_pt_entries') }}
),

mismatched as (
    select *
    from transfers
    where
        abs(in_qty - out_qty) > {{ check_param(check, 'tol_pct') }} * out_qty
        or abs(out_qty - ship_qty) > {{ check_param(check, 'tol_pct') }} * ship_qty
),

-- one alert per transfer: charged to the reviewer of the declaration made on the business day (the out entry when
-- both were); the other reviewer is in the evidence
charged as (
    select
        mismatched.*,
        in_entry.reviewer_officer_id as in_reviewer_officer_id,
        out_entry.reviewer_officer_id as out_reviewer_officer_id,
        {{ local_date('mismatched.out_declare_ts') }} = {{ biz_date() }} as out_declared_today
    from mismatched
    left join entries as in_entry on mismatched.in_entry_id = in_entry.entry_id
    left join entries as out_entry on mismatched.out_entry_id = out_entry.entry_id
),

fired as (
    select
        transfer_id as object_id,
        case when out_declared_today then out_declare_ts else in_declare_ts end as event_ts,
        case when out_declared_today then out_reviewer_officer_id else in_reviewer_officer_id end as officer_id,
        case when out_declared_today then out_co else in_co end as enterprise_code,
        jsonb_build_object(
            'out_manual_no', out_manual_no,
            'in_manual_no', in_manual_no,
            'ship_qty', ship_qty,
            'in_qty', in_qty,
            'out_qty', out_qty,
            'in_entry_id', in_entry_id,
            'out_entry_id', out_entry_id,
            'in_reviewer_officer_id', in_reviewer_officer_id,
            'out_reviewer_officer_id', out_reviewer_officer_id
        ) as evidence
    from charged
)

{{ emit_alerts('fired', check) }}
