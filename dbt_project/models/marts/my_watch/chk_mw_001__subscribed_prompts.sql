-- MW-001 自定义关注提示订阅: for each hl.user_watch row (check_code NULL = every check, MW-* codes excluded), the
-- alerts of :biz_date in marts.fct_alert of that check within the scope — CHECK: all; OFFICER: officer_id;
-- ENTERPRISE: enterprise_code; UNIT: the section, subordinate or direct customs charged; HS: an HS code in the
-- evidence (keys code_ts / hs_code) starting with the prefix — delivered to the user's list with the alert's
-- severity and the user's param_overrides merged over the alert's parameters. flagged = a new red alert (first
-- seen today) on something the user watches: the change alert.
{%- set check = {
    'code': 'MW-001', 'module': 'my_watch', 'business_line': 'general',
    'category': 'info', 'severity': 'yellow', 'object_type': 'WATCH_ITEM',
    'name_zh': '自定义关注提示订阅', 'name_en': 'Custom subscription to prompts',
    'attribution': 'the subscribing user (no attribution change)', 'params': {},
} %}
{{ config(meta={'check': check}) }}

with watches as (
    select * from {{ ref('stg_hl__user_watch') }}
    where check_code is null or check_code not like 'MW-%'
),

alerts as (
    select * from {{ ref('fct_alert') }}
    where biz_date = {{ biz_date() }}
),

matched as (
    select
        alerts.*,
        watches.watch_id,
        watches.user_name,
        watches.scope_type,
        watches.scope_value,
        watches.check_code as watched_check_code,
        watches.param_overrides
    from watches
    inner join alerts
        on
            (watches.check_code is null or watches.check_code = alerts.check_code)
            and case watches.scope_type
                when 'CHECK' then true
                when 'OFFICER' then watches.scope_value = alerts.officer_id
                when 'ENTERPRISE' then watches.scope_value = alerts.enterprise_code
                when 'UNIT'
                    then watches.scope_value in (
                        alerts.section_unit_code, alerts.subordinate_unit_code, alerts.direct_customs_code
                    )
                when 'HS'
                    then jsonb_path_exists(
                        alerts.evidence,
                        '$.** ? (@.code_ts starts with $p || @.hs_code starts with $p)',
                        jsonb_build_object('p', watches.scope_value)
                    )
                else false
            end
),

items as (
    select
        watch_id,
        user_name,
        scope_type,
        scope_value,
        watched_check_code,
        'ALERT' as item_type,
        alert_key as item_id,
        officer_id,
        enterprise_code,
        severity,
        severity = 'red' and first_seen_date = {{ biz_date() }} as flagged,
        jsonb_build_object(
            'alert_check_code', check_code,
            'object_type', object_type,
            'object_id', object_id,
            'event_ts', event_ts,
            'section_unit_code', section_unit_code,
            'evidence', evidence,
            'param_overrides', param_overrides,
            'params_effective', coalesce(params, '{}'::jsonb) || param_overrides
        ) as metrics
    from matched
)

{{ emit_watch('items', check) }}
