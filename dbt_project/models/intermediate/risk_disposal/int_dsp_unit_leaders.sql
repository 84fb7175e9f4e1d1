-- The responsible leader of each unit as of the business day: a section's chief (title section_chief of that
-- section) and a subordinate customs' leader (its director, else a deputy director, posted to the subordinate or
-- one of its sections). The lowest officer_id wins a tie. Units without one have no row.
with officers as (
    select * from {{ ref('stg_raw__officer') }}
    where coalesce(status, 'active') not in ('exited', 'transferred')
),

units as (
    select * from {{ ref('int_ops_unit_hierarchy') }}
),

section_chiefs as (
    select distinct on (officers.section_unit_code)
        officers.section_unit_code as unit_code,
        'SECTION' as unit_level,
        officers.officer_id as leader_officer_id
    from officers
    where officers.title = 'section_chief'
    order by officers.section_unit_code asc, officers.officer_id asc
),

subordinate_leaders as (
    select distinct on (units.subordinate_unit_code)
        units.subordinate_unit_code as unit_code,
        'SUBORDINATE' as unit_level,
        officers.officer_id as leader_officer_id
    from officers
    inner join units on officers.section_unit_code = units.unit_code
    where officers.title in ('director', 'deputy_director') and units.subordinate_unit_code is not null
    order by units.subordinate_unit_code asc, officers.title = 'director' desc, officers.officer_id asc
)

select * from section_chiefs
union all
select * from subordinate_leaders
