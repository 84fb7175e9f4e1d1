-- BI-GDS-003 前一日税收情况: the tax work of the business day per handling section — tax bills issued and paid
-- by tax type, tax refunds decided, supplementary/recovery assessments decided, guarantees accepted and
-- released (count and CNY amount of each). The section is the one the handling officer held that day (issuing,
-- approving, deciding, accepting or releasing officer); without an officer, the entry's declaring customs.
-- A daily list, not an alert.
{%- set check = {
    'code': 'BI-GDS-003',
    'module': 'basic_info',
    'business_line': 'tariff_review',
    'category': 'info',
    'severity': 'yellow',
    'object_type': 'SECTION',
    'name_zh': '前一日税收情况',
    'name_en': 'Duties and taxes, previous day',
    'attribution': 'tax section; subordinate customs',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with tax_bills as (
    select * from {{ ref('stg_raw__tax_bill') }}
),

refunds as (
    select * from {{ ref('stg_raw__tax_refund') }}
    where {{ local_date('decision_ts') }} = {{ biz_date() }}
),

supplements as (
    select * from {{ ref('stg_raw__tax_supplement') }}
    where {{ local_date('decide_ts') }} = {{ biz_date() }}
),

guarantees as (
    select * from {{ ref('stg_raw__guarantee') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

attribution as (
    select * from {{ ref('int_officer_attribution') }}
),

customs_units as (
    select * from {{ ref('int_ops_customs_unit') }}
),

tax_events as (
    select
        entry_id,
        'TAX_BILL' as item,
        tax_type as breakdown,
        'issued' as measure,
        amount_cny,
        issuing_officer_id as officer_id,
        issue_ts as event_ts
    from tax_bills
    where {{ local_date('issue_ts') }} = {{ biz_date() }}
    union all
    select
        entry_id,
        'TAX_BILL' as item,
        tax_type as breakdown,
        'paid' as measure,
        amount_cny,
        issuing_officer_id as officer_id,
        paid_ts as event_ts
    from tax_bills
    where {{ local_date('paid_ts') }} = {{ biz_date() }}
    union all
    select
        entry_id,
        'REFUND' as item,
        coalesce(decision, 'UNDECIDED') as breakdown,
        'decided' as measure,
        amount_cny,
        approve_officer_id as officer_id,
        decision_ts as event_ts
    from refunds
    union all
    select
        entry_id,
        'SUPPLEMENT' as item,
        supp_type as breakdown,
        'decided' as measure,
        amount_cny,
        decided_officer_id as officer_id,
        decide_ts as event_ts
    from supplements
    union all
    select
        entry_id,
        'GUARANTEE' as item,
        guar_type as breakdown,
        'accepted' as measure,
        amount_cny,
        accept_officer_id as officer_id,
        accept_ts as event_ts
    from guarantees
    where {{ local_date('accept_ts') }} = {{ biz_date() }}
    union all
    select
        entry_id,
        'GUARANTEE' as item,
        guar_type as breakdown,
        'released' as measure,
        amount_cny,
        coalesce(release_officer_id, accept_officer_id) as officer_id,
        released_ts as event_ts
    from guarantees
    where {{ local_date('released_ts') }} = {{ biz_date() }}
),

placed as (
    select
        tax_events.*,
        coalesce(held.section_unit_code, customs_units.unit_code) as unit_code,
        case when held.section_unit_code is not null then 'SECTION' else 'SUBORDINATE' end as subject_type
    from tax_events
    left join declarations on tax_events.entry_id = declarations.entry_id
    left join customs_units on declarations.declare_customs_code = customs_units.customs_code
    left join lateral (
        select attribution.section_unit_code
        from attribution
        where
            attribution.officer_id = tax_events.officer_id
            and {{ local_date('tax_events.event_ts') }} >= attribution.valid_from
            and {{ local_date('tax_events.event_ts') }} < coalesce(attribution.valid_to, date '9999-12-31')
        order by attribution.valid_from desc
        limit 1
    ) as held on true
),

per_measure as (
    select
        subject_type,
        unit_code,
        item,
        breakdown,
        measure,
        count(*) as n,
        sum(amount_cny) as amount_cny
    from placed
    where unit_code is not null
    group by subject_type, unit_code, item, breakdown, measure
),

per_item as (
    select
        subject_type,
        unit_code,
        item,
        breakdown,
        jsonb_object_agg(measure, jsonb_build_object('n', n, 'amount_cny', amount_cny) order by measure) as measures
    from per_measure
    group by subject_type, unit_code, item, breakdown
),

listed as (
    select
        subject_type,
        unit_code as subject_id,
        null::text as officer_id,
        unit_code,
        null::text as enterprise_code,
        null::timestamptz as event_ts,
        concat_ws('|', item, breakdown) as breakdown,
        jsonb_build_object('item', item, 'kind', breakdown) || measures as metrics
    from per_item
)

{{ emit_prompts('listed', check) }}
