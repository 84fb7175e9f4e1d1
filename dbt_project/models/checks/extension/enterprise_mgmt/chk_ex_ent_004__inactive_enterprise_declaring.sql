-- EX-ENT-004 注销或暂停企业仍有申报: a declaration made on the business day whose trade_co or agent_code is an enterprise
-- suspended or deregistered since a date on or before the declaration day. Charged to the entry's ACCEPT officer,
-- else its RELEASE officer (NULL while neither has acted).
{%- set check = {
    'code': 'EX-ENT-004',
    'module': 'extension',
    'business_line': 'enterprise_mgmt',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '注销或暂停企业仍有申报',
    'name_en': 'Suspended/deregistered enterprise still declaring',
    'attribution': 'officer = ACCEPT/RELEASE officer',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with inactive as (
    select
        enterprise_code,
        status,
        status_since
    from {{ ref('stg_raw__enterprise') }}
    where status in ('suspended', 'deregistered')
),

declared as (
    select h.*
    from {{ ref('stg_raw__dec_head') }} as h
    where {{ local_date('h.declare_ts') }} = {{ biz_date() }}
),

hits as (
    select
        d.entry_id,
        d.declare_ts,
        d.trade_co,
        i.enterprise_code as inactive_code,
        i.status,
        i.status_since,
        row_number() over (partition by d.entry_id order by i.enterprise_code) as rn
    from declared as d
    inner join inactive as i
        on
            i.enterprise_code in (d.trade_co, d.agent_code)
            and i.status_since <= {{ local_date('d.declare_ts') }}
),

steps as (
    select
        entry_id,
        step_code,
        officer_id
    from {{ ref('int_entry_steps') }}
    where step_code in ('ACCEPT', 'RELEASE') and officer_id is not null
),

fired as (
    select
        hits.entry_id as object_id,
        hits.declare_ts as event_ts,
        hits.trade_co as enterprise_code,
        coalesce(acc.officer_id, rel.officer_id) as officer_id,
        jsonb_build_object(
            'inactive_enterprise', hits.inactive_code,
            'status', hits.status,
            'status_since', hits.status_since,
            'accept_officer_id', acc.officer_id,
            'release_officer_id', rel.officer_id
        ) as evidence
    from hits
    left join steps as acc on hits.entry_id = acc.entry_id and acc.step_code = 'ACCEPT'
    left join steps as rel on hits.entry_id = rel.entry_id and rel.step_code = 'RELEASE'
    where hits.rn = 1
)

{{ emit_alerts('fired', check) }}
