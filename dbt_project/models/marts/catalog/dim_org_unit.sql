-- Organisation units as of the business day, each with its subordinate customs and district resolved.
with units as (
    select * from {{ ref('stg_raw__org_unit') }}
),

resolved as (
    select
        unit.unit_code,
        unit.unit_name_zh,
        unit.unit_level,
        unit.parent_unit_code,
        unit.business_line,
        case
            when unit.unit_level = 'SUBORDINATE' then unit.unit_code
            when unit.unit_level = 'SECTION' then parent.unit_code
        end as subordinate_unit_code,
        case
            when unit.unit_level = 'DIRECT' then unit.unit_code
            when unit.unit_level = 'SUBORDINATE' then parent.unit_code
            when unit.unit_level = 'SECTION' then grandparent.unit_code
        end as direct_customs_code
    from units as unit
    left join units as parent on unit.parent_unit_code = parent.unit_code
    left join units as grandparent on parent.parent_unit_code = grandparent.unit_code
)

select * from resolved
