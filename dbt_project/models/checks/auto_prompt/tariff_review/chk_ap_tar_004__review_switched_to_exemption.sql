-- AP-TAR-004 审单改征免性质/征免方式为减免: a reviewer's change (change_source REVIEW) on the business day of an
-- item's duty_mode from 1 (full duty) to 2/3/4 (half, exempt, special) or of the entry's cut_mode from 101 (general
-- levy) to anything else, on an entry that quotes no duty-exemption certificate (manual_no not starting with Z).
{%- set check = {
    'code': 'AP-TAR-004',
    'module': 'auto_prompt',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'FIELD_CHANGE',
    'name_zh': '审单改征免性质/征免方式为减免',
    'name_en': 'Reviewer switched levy kind or duty mode to reduced/exempt',
    'attribution': 'officer = c.officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select * from {{ ref('stg_raw__dec_field_change') }}
    where
        change_source = 'REVIEW'
        and field_name in ('duty_mode', 'cut_mode')
        and {{ local_date('change_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

switched as (
    select
        changes.change_id,
        changes.entry_id,
        changes.g_no,
        changes.field_name,
        changes.officer_id,
        changes.change_ts,
        declarations.trade_co,
        declarations.trade_mode,
        declarations.manual_no,
        trim(changes.old_value) as old_value,
        trim(changes.new_value) as new_value
    from changes
    inner join declarations on changes.entry_id = declarations.entry_id
    where
        (
            (
                changes.field_name = 'duty_mode'
                and trim(changes.old_value) = '1'
                and trim(changes.new_value) in ('2', '3', '4')
            )
            or (
                changes.field_name = 'cut_mode'
                and trim(changes.old_value) = '101'
                and trim(changes.new_value) <> '101'
            )
        )
        and coalesce(declarations.manual_no, '') not like 'Z%'
),

fired as (
    select
        switched.change_id::text as object_id,
        switched.change_ts as event_ts,
        switched.officer_id,
        switched.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', switched.entry_id,
            'g_no', switched.g_no,
            'field_name', switched.field_name,
            'old_value', switched.old_value,
            'new_value', switched.new_value,
            'trade_mode', switched.trade_mode,
            'manual_no', switched.manual_no
        ) as evidence
    from switched
)

{{ emit_alerts('fired', check) }}
