-- MA-PT-006 循环结转: deep-processing transfers (pt_transfer) with their in or out declaration in the window
-- (biz_date - period_days, biz_date] are edges out_co → in_co labelled with the 4-digit HS heading of code_ts. Fires on
-- every cycle of 2 or 3 distinct enterprises (A→B→A, or A→B→C→A when max_hops >= 3) whose edges share one heading.
-- One alert per cycle: object heading|enterprises in cycle order starting from the smallest code. Charged to no
-- officer (the pt_transfer extract carries no plan approver): the PT sections of the customs involved, the transfers
-- and the reviewers of their declarations are in the evidence.
{%- set check = {
    'code': 'MA-PT-006',
    'module': 'monitor_analysis',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'PT_TRANSFER_CYCLE',
    'name_zh': '循环结转',
    'name_en': 'Circular deep-processing transfers',
    'attribution': 'PT sections of the customs involved; officers who approved the transfer plans',
    'params': {'period_days': 90, 'max_hops': 3},
} %}
{{ config(meta={'check': check}) }}

with transfers as (
    select
        *,
        left(code_ts, 4) as heading,
        greatest(in_declare_ts, out_declare_ts) as last_declare_ts
    from {{ ref('stg_raw__pt_transfer') }}
    where
        out_co <> in_co
        and (
            {{ in_window(local_date('in_declare_ts'), check_param(check, 'period_days')) }}
            or {{ in_window(local_date('out_declare_ts'), check_param(check, 'period_days')) }}
        )
),

edges as (
    select
        heading,
        out_co,
        in_co,
        max(last_declare_ts) as last_declare_ts,
        array_agg(transfer_id order by transfer_id) as transfer_ids,
        array_agg(distinct out_customs_code) || array_agg(distinct in_customs_code) as customs_codes
    from transfers
    group by heading, out_co, in_co
),

cycles as (
    -- A→B→A, counted once from its smallest enterprise
    select
        e1.heading,
        array[e1.out_co, e1.in_co] as enterprises,
        greatest(e1.last_declare_ts, e2.last_declare_ts) as event_ts,
        e1.transfer_ids || e2.transfer_ids as transfer_ids,
        e1.customs_codes || e2.customs_codes as customs_codes
    from edges as e1
    inner join edges as e2 on e1.heading = e2.heading and e1.in_co = e2.out_co and e1.out_co = e2.in_co
    where e1.out_co < e1.in_co
    {%- if check_param(check, 'max_hops') >= 3 %}
        union all
        -- A→B→C→A, counted once from its smallest enterprise (both directions are distinct cycles)
        select
            e1.heading,
            array[e1.out_co, e1.in_co, e2.in_co] as enterprises,
            greatest(e1.last_declare_ts, e2.last_declare_ts, e3.last_declare_ts) as event_ts,
            e1.transfer_ids || e2.transfer_ids || e3.transfer_ids as transfer_ids,
            e1.customs_codes || e2.customs_codes || e3.customs_codes as customs_codes
        from edges as e1
        inner join edges as e2 on e1.heading = e2.heading and e1.in_co = e2.out_co
        inner join edges as e3 on e1.heading = e3.heading and e2.in_co = e3.out_co and e1.out_co = e3.in_co
        where e1.out_co < e1.in_co and e1.out_co < e2.in_co and e2.in_co <> e1.in_co
    {%- endif %}
),

all_transfers as (
    select * from {{ ref('stg_raw__pt_transfer') }}
),

entries as (
    select distinct on (entry_id)
        entry_id,
        reviewer_officer_id
    from {{ ref('int_roll_ma_pt_items_daily') }}
    where {{ in_window('activity_date', check_param(check, 'period_days')) }}
    order by entry_id, reviewer_officer_id
),

sections as (
    select * from {{ ref('int_pt_sections') }}
),

detailed as (
    select
        cycles.heading,
        cycles.enterprises,
        cycles.event_ts,
        jsonb_agg(
            jsonb_build_object(
                'transfer_id', t.transfer_id,
                'out_co', t.out_co,
                'in_co', t.in_co,
                'code_ts', t.code_ts,
                'in_declare_ts', t.in_declare_ts,
                'out_declare_ts', t.out_declare_ts,
                'in_reviewer_officer_id', in_e.reviewer_officer_id,
                'out_reviewer_officer_id', out_e.reviewer_officer_id
            )
            order by t.transfer_id
        ) as transfers,
        (
            select jsonb_agg(distinct s.pt_section_unit_code)
            from sections as s
            where s.customs_code = any(cycles.customs_codes)
        ) as pt_sections
    from cycles
    inner join all_transfers as t on t.transfer_id = any(cycles.transfer_ids)
    left join entries as in_e on t.in_entry_id = in_e.entry_id
    left join entries as out_e on t.out_entry_id = out_e.entry_id
    group by cycles.heading, cycles.enterprises, cycles.event_ts, cycles.customs_codes
),

fired as (
    select
        event_ts,
        null::text as officer_id,
        heading || '|' || array_to_string(enterprises, '>') as object_id,
        enterprises[1] as enterprise_code,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'heading', heading,
            'enterprises', to_jsonb(enterprises),
            'hops', cardinality(enterprises),
            'max_hops', {{ check_param(check, 'max_hops') }},
            'transfers', transfers,
            'pt_sections', pt_sections
        ) as evidence
    from detailed
)

{{ emit_alerts('fired', check) }}
