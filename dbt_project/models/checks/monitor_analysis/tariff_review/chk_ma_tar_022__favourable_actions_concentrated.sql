-- MA-TAR-022 有利操作集中于同一企业: per officer over the window (biz_date - period_days, biz_date], the favourable
-- actions: reviewer changes of the AP-TAR-001 kind (import code_ts changed to a lower eff_rate), AP-TAR-002 (decl_price
-- or decl_total lowered by more than min_drop_pct), AP-TAR-004 (duty_mode 1 -> 2/3/4 or cut_mode 101 -> other on an
-- entry without a Z certificate), AP-TAR-005 fee waivers (waived_amount_cny > 0), tax_refund approvals (decision
-- APPROVED) and valuation_action closures with outcome ACCEPT_DECLARED. Fires for (officer, trade_co) with count >=
-- min_actions and count / the officer's favourable actions in the window >= min_share. Object OFFICER_ENTERPRISE =
-- officer_id|trade_co; charged to the officer.
{%- set check = {
    'code': 'MA-TAR-022',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'relationship',
    'severity': 'red',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '有利操作集中于同一企业',
    'name_en': 'Favourable actions concentrated on one enterprise',
    'attribution': 'officer',
    'params': {'period_days': 90, 'min_actions': 3, 'min_share': 0.5, 'min_drop_pct': 0.05},
} %}
{{ config(meta={'check': check}) }}

with declarations as (
    select
        entry_id,
        ie_flag,
        trade_co,
        declare_ts,
        manual_no
    from {{ ref('stg_raw__dec_head') }}
),

changes as (
    select c.*
    from {{ ref('stg_raw__dec_field_change') }} as c
    where
        c.change_source = 'REVIEW'
        and c.officer_id is not null
        and c.field_name in ('code_ts', 'decl_price', 'decl_total', 'duty_mode', 'cut_mode')
        and {{ in_window(local_date('c.change_ts'), check_param(check, 'period_days')) }}
),

favourable_changes as (
    select
        'FIELD_CHANGE:' || changes.change_id as action_key,
        case changes.field_name
            when 'code_ts' then 'AP-TAR-001'
            when 'duty_mode' then 'AP-TAR-004'
            when 'cut_mode' then 'AP-TAR-004'
            else 'AP-TAR-002'
        end as action_kind,
        changes.officer_id,
        declarations.trade_co,
        changes.change_ts as action_ts
    from changes
    inner join declarations on changes.entry_id = declarations.entry_id
    where
        (
            changes.field_name = 'code_ts'
            and declarations.ie_flag = 'I'
            and {{ eff_rate('changes.new_value', 'declarations.declare_ts') }}
            < {{ eff_rate('changes.old_value', 'declarations.declare_ts') }}
        )
        or (
            changes.field_name in ('decl_price', 'decl_total')
            and declarations.ie_flag = 'I'
            and {{ numeric_or_null('changes.new_value') }}
            < {{ numeric_or_null('changes.old_value') }} * (1 - {{ check_param(check, 'min_drop_pct') }})
        )
        or (
            coalesce(declarations.manual_no, '') not like 'Z%'
            and (
                (
                    changes.field_name = 'duty_mode' and trim(changes.old_value) = '1'
                    and trim(changes.new_value) in ('2', '3', '4')
                )
                or (
                    changes.field_name = 'cut_mode' and trim(changes.old_value) = '101'
                    and trim(changes.new_value) <> '101'
                )
            )
        )
),

waivers as (
    select
        'LATE_FEE:' || f.fee_id as action_key,
        'AP-TAR-005' as action_kind,
        f.waive_officer_id as officer_id,
        declarations.trade_co,
        f.waive_ts as action_ts
    from {{ ref('stg_raw__late_fee') }} as f
    inner join declarations on f.entry_id = declarations.entry_id
    where
        f.waived_amount_cny > 0
        and f.waive_officer_id is not null
        and {{ in_window(local_date('f.waive_ts'), check_param(check, 'period_days')) }}
),

refunds as (
    select
        'TAX_REFUND:' || r.refund_id as action_key,
        'REFUND_APPROVED' as action_kind,
        r.approve_officer_id as officer_id,
        declarations.trade_co,
        r.decision_ts as action_ts
    from {{ ref('stg_raw__tax_refund') }} as r
    inner join declarations on r.entry_id = declarations.entry_id
    where
        r.decision = 'APPROVED'
        and r.approve_officer_id is not null
        and {{ in_window(local_date('r.decision_ts'), check_param(check, 'period_days')) }}
),

valuations as (
    select
        'VALUATION:' || v.action_id as action_key,
        'ACCEPT_DECLARED' as action_kind,
        v.officer_id,
        declarations.trade_co,
        v.closed_ts as action_ts
    from {{ ref('stg_raw__valuation_action') }} as v
    inner join declarations on v.entry_id = declarations.entry_id
    where
        v.outcome = 'ACCEPT_DECLARED'
        and v.officer_id is not null
        and v.closed_ts is not null
        and {{ in_window(local_date('v.closed_ts'), check_param(check, 'period_days')) }}
),

actions as (
    select * from favourable_changes
    union
    select * from waivers
    union
    select * from refunds
    union
    select * from valuations
),

per_officer as (
    select
        officer_id,
        count(*) as n_officer
    from actions
    group by officer_id
),

kinds as (
    select
        officer_id,
        trade_co,
        action_kind,
        count(*) as n,
        max(action_ts) as last_action_ts
    from actions
    where trade_co is not null
    group by officer_id, trade_co, action_kind
),

pairs as (
    select
        officer_id,
        trade_co,
        sum(n) as n_pair,
        max(last_action_ts) as last_action_ts,
        jsonb_object_agg(action_kind, n) as by_kind
    from kinds
    group by officer_id, trade_co
),

fired as (
    select
        pairs.last_action_ts as event_ts,
        pairs.officer_id,
        pairs.trade_co as enterprise_code,
        pairs.officer_id || '|' || pairs.trade_co as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', pairs.n_pair,
            'officer_total', per_officer.n_officer,
            'share', round(pairs.n_pair::numeric / per_officer.n_officer, 4),
            'by_kind', pairs.by_kind,
            'min_actions', {{ check_param(check, 'min_actions') }},
            'min_share', {{ check_param(check, 'min_share') }}
        ) as evidence
    from pairs
    inner join per_officer on pairs.officer_id = per_officer.officer_id
    where
        pairs.n_pair >= {{ check_param(check, 'min_actions') }}
        and pairs.n_pair::numeric / per_officer.n_officer >= {{ check_param(check, 'min_share') }}
)

{{ emit_alerts('fired', check) }}
