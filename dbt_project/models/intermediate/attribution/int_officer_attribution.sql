-- Who held which post in which section when, with the section's subordinate customs and district:
-- the one place every alert's attribution (由事及人) comes from.
with assignments as (
    select * from {{ ref('stg_raw__officer_post_assignment') }}
),

units as (
    select * from {{ ref('stg_raw__org_unit') }}
),

resolved as (
    select
        assignments.officer_id,
        assignments.post_code,
        assignments.section_unit_code,
        subordinate.unit_code as subordinate_unit_code,
        subordinate.parent_unit_code as direct_customs_code,
        assignments.start_date as valid_from,
        assignments.end_date as valid_to
    from assignments
    left join units as section
        on assignments.section_unit_code = section.unit_code
    left join units as subordinate
        on section.parent_unit_code = subordinate.unit_code
)

select * from resolved
