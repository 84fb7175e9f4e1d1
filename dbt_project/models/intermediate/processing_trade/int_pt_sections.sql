-- The processing-trade section (加贸科) of each customs code on the business day: the unit AP-PT checks charge
-- when the catalogue names a section rather than an officer (AP-PT-008, -023, -025).
with units as (
    select * from {{ ref('stg_raw__org_unit') }}
),

pt_sections as (
    select
        customs_code,
        min(unit_code) as pt_section_unit_code
    from units
    where
        unit_level = 'SECTION'
        and business_line = 'processing_trade'
        and valid_from <= {{ biz_date() }}
        and coalesce(valid_to, date '9999-12-31') >= {{ biz_date() }}
    group by customs_code
)

select * from pt_sections
