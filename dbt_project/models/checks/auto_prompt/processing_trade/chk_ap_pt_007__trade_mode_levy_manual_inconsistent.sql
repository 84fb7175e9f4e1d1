-- AP-PT-007 监管方式/征免性质/备案号逻辑不符: an entry released on the business day that breaks a rule of
-- rule_trade_mode_consistency: the record number's first letter is not one the rule allows for its (ie flag, trade
-- mode, levy kind or '*'), or its levy kind is not the one the rule requires for its trade mode.
{%- set check = {
    'code': 'AP-PT-007',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '监管方式/征免性质/备案号逻辑不符',
    'name_en': 'Trade mode, levy kind and manual-number prefix inconsistent',
    'attribution': 'officer = MANUAL_REVIEW.officer_id (else RELEASE officer)',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
    where step_code = 'MANUAL_REVIEW'
),

rules as (
    -- the seed's trade_mode may load as a number: restore its 4-digit code
    select
        *,
        lpad(trade_mode::text, 4, '0') as trade_mode_code
    from {{ ref('rule_trade_mode_consistency') }}
),

released as (
    select
        declarations.*,
        releases.release_ts,
        releases.release_officer_id
    from declarations
    inner join releases on declarations.entry_id = releases.entry_id
),

prefix_breaches as (
    select
        released.entry_id,
        rules.rule_id_in_source as rule_id,
        rules.rule_type,
        rules.expected
    from released
    inner join rules
        on
            rules.rule_type = 'manual_no_prefix'
            and released.ie_flag = rules.ie_flag
            and released.trade_mode = rules.trade_mode_code
            and (rules.levy_kind = '*' or released.cut_mode = rules.levy_kind)
    where not coalesce(left(released.manual_no, 1) = any(string_to_array(rules.expected, '|')), false)
),

levy_breaches as (
    select
        released.entry_id,
        rules.rule_id_in_source as rule_id,
        rules.rule_type,
        rules.expected
    from released
    inner join rules
        on
            rules.rule_type = 'levy_kind'
            and released.ie_flag = rules.ie_flag
            and released.trade_mode = rules.trade_mode_code
            and (rules.levy_kind = '*' or released.cut_mode = rules.levy_kind)
    where released.cut_mode is distinct from rules.expected
),

breaches as (
    select * from prefix_breaches
    union all
    select * from levy_breaches
),

per_entry as (
    select
        entry_id,
        jsonb_agg(
            jsonb_build_object('rule_id', rule_id, 'rule_type', rule_type, 'expected', expected)
            order by rule_id
        ) as rules
    from breaches
    group by entry_id
),

fired as (
    select
        released.entry_id as object_id,
        released.release_ts as event_ts,
        released.trade_co as enterprise_code,
        coalesce(steps.officer_id, released.release_officer_id) as officer_id,
        jsonb_build_object(
            'ie_flag', released.ie_flag,
            'trade_mode', released.trade_mode,
            'cut_mode', released.cut_mode,
            'manual_no', released.manual_no,
            'broken_rules', per_entry.rules
        ) as evidence
    from released
    inner join per_entry on released.entry_id = per_entry.entry_id
    left join steps on released.entry_id = steps.entry_id
)

{{ emit_alerts('fired', check) }}
