-- AP-PT-014 余料结转对象不符: a leftover transfer (0258/0657) released on the business day between manuals of different
-- operating enterprises or kinds, or out of a manual that is no longer executing or reported.
{%- set check = {
    'code': 'AP-PT-014',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '余料结转对象不符',
    'name_en': 'Leftover transfer between ineligible manuals',
    'attribution': 'officer = MANUAL_REVIEW.officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with entries as (
    select * from {{ ref('int_pt_entries') }}
    where
        ie_flag = 'I'
        and trade_mode in {{ pt_leftover_transfer_modes() }}
        and release_date = {{ biz_date() }}
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

ineligible as (
    select
        entries.*,
        source_manual.trade_co as source_trade_co,
        source_manual.manual_kind as source_manual_kind,
        source_manual.status as source_status,
        target_manual.trade_co as target_trade_co,
        target_manual.manual_kind as target_manual_kind
    from entries
    inner join manuals as source_manual on entries.related_manual_no = source_manual.manual_no
    inner join manuals as target_manual on entries.manual_no = target_manual.manual_no
    where
        source_manual.trade_co <> target_manual.trade_co
        or source_manual.manual_kind <> target_manual.manual_kind
        or source_manual.status not in ('EXECUTING', 'REPORTED')
),

fired as (
    select
        entry_id as object_id,
        release_ts as event_ts,
        manual_review_officer_id as officer_id,
        trade_co as enterprise_code,
        jsonb_build_object(
            'trade_mode', trade_mode,
            'source_manual_no', related_manual_no,
            'target_manual_no', manual_no,
            'source_trade_co', source_trade_co,
            'target_trade_co', target_trade_co,
            'source_manual_kind', source_manual_kind,
            'target_manual_kind', target_manual_kind,
            'source_status', source_status
        ) as evidence
    from ineligible
)

{{ emit_alerts('fired', check) }}
