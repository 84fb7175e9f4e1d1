-- EX-ENT-006 离职关员在报关企业从业: a former officer (officer.exit_date set) registered with an enterprise
-- (broker_staff, same person_id_hash) starting before exit_date + cooling_years, where the enterprise (as trade_co or
-- agent) had entries handled by the officer's former section (officer.section_unit_code) in the year before the exit
-- (int_roll_officer_handling_daily). Evaluated on the day the pair arises (the later of registration start and exit);
-- for the former section: the alert names the former officer, attributed to his post at the eve of his exit.
{%- set check = {
    'code': 'EX-ENT-006',
    'module': 'extension',
    'business_line': 'enterprise_mgmt',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '离职关员在报关企业从业',
    'name_en': 'Former officer working for a broker',
    'attribution': 'former section / subordinate customs (for follow-up); HR',
    'params': {'cooling_years': 3},
} %}
{{ config(meta={'check': check}) }}

with former as (
    select * from {{ ref('stg_raw__officer') }}
    where exit_date is not null and exit_date <= {{ biz_date() }}
),

pairs as (
    select
        f.officer_id,
        f.section_unit_code,
        f.exit_date,
        b.enterprise_code,
        b.role,
        b.start_date
    from former as f
    inner join {{ ref('stg_raw__broker_staff') }} as b on f.person_id_hash = b.person_id_hash
    where
        b.start_date < f.exit_date + interval '{{ check_param(check, "cooling_years") }} years'
        and greatest(b.start_date, f.exit_date) = {{ biz_date() }}
),

handled as (
    select
        p.officer_id,
        p.enterprise_code,
        sum(h.entries_handled) as entries_handled
    from pairs as p
    inner join {{ ref('int_roll_officer_handling_daily') }} as h
        on
            p.section_unit_code = h.section_unit_code
            and p.enterprise_code in (h.trade_co, h.agent_code)
            and h.activity_date >= p.exit_date - 365
            and p.exit_date > h.activity_date
    group by 1, 2
),

first_registration as (
    select
        p.*,
        row_number() over (partition by p.officer_id, p.enterprise_code order by p.start_date) as rn
    from pairs as p
),

fired as (
    select
        p.officer_id || '|' || p.enterprise_code as object_id,
        (p.exit_date - 1)::timestamp at time zone '{{ var("timezone") }}' + interval '12 hours' as event_ts,
        p.officer_id,
        p.enterprise_code,
        jsonb_build_object(
            'former_section', p.section_unit_code,
            'exit_date', p.exit_date,
            'role', p.role,
            'start_date', p.start_date,
            'section_entries_year_before_exit', h.entries_handled,
            'cooling_years', {{ check_param(check, 'cooling_years') }}
        ) as evidence
    from first_registration as p
    inner join handled as h on p.officer_id = h.officer_id and p.enterprise_code = h.enterprise_code
    where p.rn = 1
)

{{ emit_alerts('fired', check) }}
