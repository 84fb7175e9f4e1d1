-- AP-TAR-010 应补税款即将超过补征时效: an entry released warn_days short of one year before the business day (海关法
-- 第62条: one year to supplement a non-violation shortfall) with a tax-increasing finding after its release (a
-- valuation ADJUSTED upwards, or a field change raising the duty rate or the price) and no tax supplement yet.
{%- set check = {
    'code': 'AP-TAR-010',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '应补税款即将超过补征时效',
    'name_en': 'Supplementary tax about to lapse',
    'attribution': 'officer = officer of the finding (valuation_action.officer_id / change officer); tax section',
    'params': {'warn_days': 30},
} %}
{{ config(meta={'check': check}) }}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where
        (release_date + interval '1 year')::date - {{ check_param(check, 'warn_days') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

valuation_actions as (
    select * from {{ ref('stg_raw__valuation_action') }}
    where outcome = 'ADJUSTED'
),

field_changes as (
    select * from {{ ref('stg_raw__dec_field_change') }}
    where field_name in ('code_ts', 'decl_price', 'decl_total')
),

supplements as (
    select * from {{ ref('stg_raw__tax_supplement') }}
),

tax_sections as (
    select * from {{ ref('int_tax_sections') }}
),

released as (
    select
        releases.entry_id,
        releases.release_ts,
        releases.release_date,
        declarations.trade_co,
        declarations.declare_ts,
        declarations.declare_customs_code
    from releases
    inner join declarations on releases.entry_id = declarations.entry_id
),

valuation_findings as (
    select
        released.entry_id,
        'VALUATION_ADJUSTED' as finding_kind,
        valuation_actions.action_id as finding_ref,
        valuation_actions.officer_id,
        valuation_actions.action_ts as finding_ts
    from released
    inner join valuation_actions
        on
            released.entry_id = valuation_actions.entry_id
            and released.release_ts < valuation_actions.action_ts
            and coalesce(valuation_actions.final_unit_price > valuation_actions.declared_unit_price, true)
),

change_findings as (
    select
        released.entry_id,
        'FIELD_CHANGE_' || upper(field_changes.field_name) as finding_kind,
        field_changes.change_id::text as finding_ref,
        field_changes.officer_id,
        field_changes.change_ts as finding_ts
    from released
    inner join field_changes
        on
            released.entry_id = field_changes.entry_id
            and released.release_ts < field_changes.change_ts
    where
        (
            field_changes.field_name = 'code_ts'
            and {{ eff_rate('field_changes.new_value', 'released.declare_ts') }}
            > {{ eff_rate('field_changes.old_value', 'released.declare_ts') }}
        )
        or (
            field_changes.field_name in ('decl_price', 'decl_total')
            and {{ numeric_or_null('field_changes.new_value') }} > {{ numeric_or_null('field_changes.old_value') }}
        )
),

latest_finding as (
    select distinct on (entry_id) *
    from (
        select * from valuation_findings
        union all
        select * from change_findings
    ) as findings
    order by entry_id asc, finding_ts desc
),

unsupplemented as (
    select
        released.*,
        latest_finding.finding_kind,
        latest_finding.finding_ref,
        latest_finding.officer_id,
        latest_finding.finding_ts
    from released
    inner join latest_finding on released.entry_id = latest_finding.entry_id
    where not exists (
        select 1 from supplements
        where released.entry_id = supplements.entry_id
    )
),

fired as (
    select
        unsupplemented.entry_id as object_id,
        unsupplemented.finding_ts as event_ts,
        unsupplemented.officer_id,
        unsupplemented.trade_co as enterprise_code,
        jsonb_build_object(
            'release_ts', unsupplemented.release_ts,
            'supplement_deadline', (unsupplemented.release_date + interval '1 year')::date,
            'finding_kind', unsupplemented.finding_kind,
            'finding_ref', unsupplemented.finding_ref,
            'finding_ts', unsupplemented.finding_ts,
            'tax_section_unit_code', tax_sections.tax_section_unit_code
        ) as evidence
    from unsupplemented
    left join tax_sections on unsupplemented.declare_customs_code = tax_sections.customs_code
)

{{ emit_alerts('fired', check) }}
