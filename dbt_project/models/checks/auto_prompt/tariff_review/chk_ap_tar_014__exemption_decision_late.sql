-- AP-TAR-014 减免税审批超10个工作日: a duty-exemption certificate application still undecided on the first working
-- day past max_workdays working days after it was filed, or approved on the business day more than max_workdays
-- working days after filing. Charged to the assigned approver; without one, the tax (exemption) section of the
-- customs that issues the certificate (cert_no characters 2-5).
{%- set check = {
    'code': 'AP-TAR-014',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'EXEMPTION_CERT',
    'name_zh': '减免税审批超10个工作日',
    'name_en': 'Exemption certificate decision later than 10 working days',
    'attribution': 'officer = z.approve_officer_id, else exemption section',
    'params': {'max_workdays': 10},
} %}
{{ config(meta={'check': check}) }}

with certificates as (
    select * from {{ ref('stg_raw__tax_exemption_cert') }}
),

tax_sections as (
    select * from {{ ref('int_tax_sections') }}
),

aged as (
    select
        certificates.*,
        case
            when certificates.approve_ts is null
                then {{ workdays_between_dates(local_date('certificates.apply_ts'), biz_date()) }}
            else {{ workdays_between('certificates.apply_ts', 'certificates.approve_ts') }}
        end as workdays_taken,
        {{ workdays_between_dates(biz_date() ~ ' - 1', biz_date()) }} = 1 as is_workday
    from certificates
    where
        certificates.approve_ts is null
        or {{ local_date('certificates.approve_ts') }} = {{ biz_date() }}
),

late as (
    select *
    from aged
    where
        (approve_ts is null and is_workday and workdays_taken = {{ check_param(check, 'max_workdays') }} + 1)
        or (approve_ts is not null and workdays_taken > {{ check_param(check, 'max_workdays') }})
),

fired as (
    select
        late.cert_no as object_id,
        late.approve_officer_id as officer_id,
        late.enterprise_code,
        coalesce(late.approve_ts, late.apply_ts) as event_ts,
        jsonb_build_object(
            'finding', case when late.approve_ts is null then 'UNDECIDED' else 'APPROVED_LATE' end,
            'cut_mode', late.cut_mode,
            'apply_ts', late.apply_ts,
            'approve_ts', late.approve_ts,
            'workdays_taken', late.workdays_taken,
            'exemption_section_unit_code', tax_sections.tax_section_unit_code
        ) as evidence
    from late
    left join tax_sections on substr(late.cert_no, 2, 4) = tax_sections.customs_code
)

{{ emit_alerts('fired', check) }}
