-- MA-TAR-010 同一企业频繁退税: per enterprise (the trade_co of the refunded declaration) over the window
-- (biz_date - period_days, biz_date], the tax refunds approved in the window (decision 'APPROVED', decision_ts in the
-- window) number at least min_n, or at least min_ratio_n of them sum to more than max_ratio of the tax the
-- enterprise paid in the window (tax_bill paid_ts in the window, payer_code = the enterprise). Charged to the
-- officer who approved most of them (ties: the lowest officer id); evidence lists every approver's share.
{%- set check = {
    'code': 'MA-TAR-010',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTERPRISE',
    'name_zh': '同一企业频繁退税',
    'name_en': 'Repeated tax refunds to the same enterprise',
    'attribution': 'approving officers; tax section',
    'params': {'period_days': 90, 'min_n': 3, 'max_ratio': 0.2, 'min_ratio_n': 2},
} %}
{{ config(meta={'check': check}) }}

with refunds as (
    select * from {{ ref('stg_raw__tax_refund') }}
    where
        decision = 'APPROVED'
        and decision_ts is not null
        and {{ in_window(local_date('decision_ts'), check_param(check, 'period_days')) }}
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

paid as (
    select
        payer_code,
        sum(amount_cny) as paid_tax_cny
    from {{ ref('stg_raw__tax_bill') }}
    where
        paid_ts is not null
        and status = 'PAID'
        and {{ in_window(local_date('paid_ts'), check_param(check, 'period_days')) }}
    group by payer_code
),

approved as (
    select
        refunds.*,
        declarations.trade_co
    from refunds
    inner join declarations on refunds.entry_id = declarations.entry_id
),

per_approver as (
    select
        trade_co,
        approve_officer_id,
        count(*) as n_approved
    from approved
    group by trade_co, approve_officer_id
),

per_enterprise as (
    select
        approved.trade_co,
        count(*) as n,
        sum(approved.amount_cny) as refunded_cny,
        max(approved.decision_ts) as last_decision_ts
    from approved
    group by approved.trade_co
),

flagged as (
    select
        per_enterprise.*,
        paid.paid_tax_cny,
        per_enterprise.refunded_cny / nullif(paid.paid_tax_cny, 0) as refund_ratio
    from per_enterprise
    left join paid on per_enterprise.trade_co = paid.payer_code
    where
        per_enterprise.n >= {{ check_param(check, 'min_n') }}
        or (
            per_enterprise.n >= {{ check_param(check, 'min_ratio_n') }}
            and per_enterprise.refunded_cny
            > {{ check_param(check, 'max_ratio') }} * coalesce(paid.paid_tax_cny, 0)
        )
),

fired as (
    select
        flagged.last_decision_ts as event_ts,
        top_approver.approve_officer_id as officer_id,
        flagged.trade_co as enterprise_code,
        flagged.trade_co as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', flagged.n,
            'refunded_cny', flagged.refunded_cny,
            'paid_tax_cny', flagged.paid_tax_cny,
            'refund_ratio', round(flagged.refund_ratio, 4),
            'min_n', {{ check_param(check, 'min_n') }},
            'max_ratio', {{ check_param(check, 'max_ratio') }},
            'approvers', (
                select
                    jsonb_object_agg(
                        coalesce(a.approve_officer_id, '(none)'), round(a.n_approved::numeric / flagged.n, 4)
                    )
                from per_approver as a
                where a.trade_co = flagged.trade_co
            )
        ) as evidence
    from flagged
    left join lateral (
        select a.approve_officer_id
        from per_approver as a
        where a.trade_co = flagged.trade_co and a.approve_officer_id is not null
        order by a.n_approved desc, a.approve_officer_id asc
        limit 1
    ) as top_approver on true
)

{{ emit_alerts('fired', check) }}
