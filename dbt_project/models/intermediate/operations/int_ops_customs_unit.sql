-- The org unit behind each customs (关区) code, as a declaration, inspection or manifest row carries it: the
-- subordinate customs of that code (the directly-affiliated customs when the code is a district's own office).
with hierarchy as (
    select * from {{ ref('int_ops_unit_hierarchy') }}
),

by_code as (
    select distinct on (customs_code)
        customs_code,
        unit_code,
        unit_level,
        subordinate_unit_code,
        direct_customs_code
    from hierarchy
    where customs_code is not null and unit_level in ('SUBORDINATE', 'DIRECT')
    order by customs_code asc, unit_level = 'SUBORDINATE' desc, unit_code asc
)

select * from by_code
