-- EX-ASM-001 线索超期未受理: a smuggling clue still not accepted (accept_ts NULL) on the first working day past
-- max_workdays after its creation (WD(create_ts, biz_date) = max_workdays + 1). Charged to the receiving unit
-- (officer NULL; evidence.receive_unit_code).
{%- set check = {
    'code': 'EX-ASM-001',
    'module': 'extension',
    'business_line': 'anti_smuggling',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'SMUGGLING_CLUE',
    'name_zh': '线索超期未受理',
    'name_en': 'Clue not accepted in time',
    'attribution': 'receiving unit (c.receive_unit_code)',
    'params': {'max_workdays': 7},
} %}
{{ config(meta={'check': check}) }}

with clues as (
    select
        *,
        {{ workdays_between('create_ts', biz_date()) }} as workdays_open
    from {{ ref('stg_raw__smuggling_clue') }}
    where accept_ts is null and {{ local_date('create_ts') }} < {{ biz_date() }}
),

fired as (
    select
        clue_id as object_id,
        create_ts as event_ts,
        null::text as officer_id,
        enterprise_code,
        jsonb_build_object(
            'source_type', source_type,
            'source_ref', source_ref,
            'create_ts', create_ts,
            'receive_unit_code', receive_unit_code,
            'workdays_open', workdays_open,
            'max_workdays', {{ check_param(check, 'max_workdays') }}
        ) as evidence
    from clues
    where workdays_open = {{ check_param(check, 'max_workdays') + 1 }}
)

{{ emit_alerts('fired', check) }}
