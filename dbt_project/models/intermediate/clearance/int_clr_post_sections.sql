-- The section that holds each post in each customs (关区) on the business day: the accept, release or manifest
-- section of a customs, from the officers currently assigned to the post there (the section with most of them).
-- Clearance checks that charge a unit rather than an officer (accept section, release section …) read it.
with assignments as (
    select * from {{ ref('stg_raw__officer_post_assignment') }}
    where
        start_date <= {{ biz_date() }}
        and coalesce(end_date, date '9999-12-31') >= {{ biz_date() }}
),

units as (
    select * from {{ ref('stg_raw__org_unit') }}
    where
        valid_from <= {{ biz_date() }}
        and coalesce(valid_to, date '9999-12-31') >= {{ biz_date() }}
),

staffed as (
    select
        units.customs_code,
        assignments.post_code,
        assignments.section_unit_code,
        count(*) as n_officers
    from assignments
    inner join units on assignments.section_unit_code = units.unit_code
    where units.unit_level = 'SECTION'
    group by units.customs_code, assignments.post_code, assignments.section_unit_code
),

per_post as (
    select distinct on (customs_code, post_code)
        customs_code,
        post_code,
        section_unit_code
    from staffed
    order by customs_code asc, post_code asc, n_officers desc, section_unit_code asc
)

select * from per_post
