-- Every organisation unit as of the business day with the section, subordinate customs and district above it,
-- and the customs code a declaration's customs_code maps to: how the basic-information prompts charge unit rows.
with units as (
    select distinct on (unit_code) *
    from {{ ref('stg_raw__org_unit') }}
    where valid_from <= {{ biz_date() }}
    order by unit_code asc, valid_from desc
),

resolved as (
    select
        unit.unit_code,
        unit.unit_name_zh,
        unit.unit_level,
        unit.customs_code,
        unit.business_line,
        case when unit.unit_level = 'SECTION' then unit.unit_code end as section_unit_code,
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
