-- The section that answers for tax work in each subordinate customs (a `tax` section where the site has one, else
-- its `tariff_review` section 关税科); tariff-review checks charge it when no officer is known.
with units as (
    select * from {{ ref('stg_raw__org_unit') }}
    where
        unit_level = 'SECTION'
        and business_line in ('tax', 'tariff_review')
        and valid_from <= {{ biz_date() }}
        and coalesce(valid_to, date '9999-12-31') >= {{ biz_date() }}
),

per_customs as (
    select distinct on (parent_unit_code)
        parent_unit_code as customs_code,
        unit_code as tax_section_unit_code
    from units
    order by parent_unit_code asc, (business_line = 'tax') desc, unit_code asc
)

select * from per_customs
