-- EX-ENT-001 有违法记录仍上调信用等级: a credit-class change made on the business day that raises the enterprise's
-- class (ranked within its era: D < C < B < A < AA; DISHONEST < GENERAL < GEN_CERT < ADV_CERT) while a smuggling or
-- violation case of the enterprise closed with PENALTY or CONFISCATE within the years before the change.
-- Charged to the approving officer (NULL for an automatic adjustment).
{%- set check = {
    'code': 'EX-ENT-001',
    'module': 'extension',
    'business_line': 'enterprise_mgmt',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'CREDIT_CHANGE',
    'name_zh': '有违法记录仍上调信用等级',
    'name_en': 'Credit upgrade despite recent violations',
    'attribution': 'officer = c.approve_officer_id',
    'params': {'years': 1},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select * from {{ ref('stg_raw__enterprise_credit_change') }}
    where {{ local_date('change_ts') }} = {{ biz_date() }}
),

upgrades as (
    select *
    from changes
    where {{ ext_credit_rank('new_class') }} > {{ ext_credit_rank('old_class') }}
),

cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
    where decision in ('PENALTY', 'CONFISCATE') and closing_ts is not null
),

matched as (
    select
        u.enterprise_code,
        u.change_ts,
        count(*) as cases_n,
        min(cases.case_id) as case_id,
        max(cases.closing_ts) as last_closing_ts
    from upgrades as u
    inner join cases
        on
            u.enterprise_code = cases.enterprise_code
            and cases.closing_ts > u.change_ts - interval '{{ check_param(check, "years") }} year'
            and u.change_ts >= cases.closing_ts
    group by 1, 2
),

fired as (
    select
        u.change_ts as event_ts,
        u.approve_officer_id as officer_id,
        u.enterprise_code,
        u.enterprise_code || '|' || to_char(u.change_ts at time zone 'UTC', 'YYYYMMDD"T"HH24MISS') as object_id,
        jsonb_build_object(
            'old_class', u.old_class,
            'new_class', u.new_class,
            'cases', m.cases_n,
            'case_id', m.case_id,
            'last_closing_ts', m.last_closing_ts
        ) as evidence
    from upgrades as u
    inner join matched as m on u.enterprise_code = m.enterprise_code and u.change_ts = m.change_ts
)

{{ emit_alerts('fired', check) }}
