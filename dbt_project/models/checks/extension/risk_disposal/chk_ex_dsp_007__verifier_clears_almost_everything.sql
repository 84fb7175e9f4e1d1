-- EX-DSP-007 核查结论正常比例过高: per verifier (actor of VERIFY_RESULT) over (:biz_date - :period_days, :biz_date]:
-- n >= :min_n verification results and a share of conclusions FALSE_POSITIVE or JUSTIFIED >= :max_share.
-- The object is the verifier (the pattern), so an open pattern is raised once. Charged to the verifier.
{%- set check = {
    'code': 'EX-DSP-007', 'module': 'extension', 'business_line': 'risk_disposal',
    'category': 'procedure', 'severity': 'yellow', 'object_type': 'VERIFIER',
    'name_zh': '核查结论正常比例过高', 'name_en': 'Verifier clears almost everything',
    'attribution': 'verifier; supervision office',
    'params': {'period_days': 180, 'max_share': 0.95, 'min_n': 20},
} %}
{{ config(meta={'check': check}) }}

with results as (
    select * from {{ ref('stg_hl__alert_action') }}
    where
        action = 'VERIFY_RESULT'
        and actor_officer_id is not null
        and ts < {{ end_of_biz_date() }}
        and {{ in_window(local_date('ts'), check_param(check, 'period_days')) }}
),

per_verifier as (
    select
        actor_officer_id as officer_id,
        count(*) as n,
        count(*) filter (where conclusion in ('FALSE_POSITIVE', 'JUSTIFIED')) as n_cleared,
        max(ts) as last_ts
    from results
    group by actor_officer_id
),

fired as (
    select
        officer_id as object_id,
        last_ts as event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'period_days', {{ check_param(check, 'period_days') }},
            'n', n,
            'n_cleared', n_cleared,
            'share_cleared', round(n_cleared::numeric / n, 4),
            'max_share', {{ check_param(check, 'max_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from per_verifier
    where n >= {{ check_param(check, 'min_n') }} and n_cleared::numeric / n >= {{ check_param(check, 'max_share') }}
)

{{ emit_alerts('fired', check) }}
