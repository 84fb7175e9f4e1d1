-- MW-002 关注关员前一日操作分析: for officers watched (user_watch scope OFFICER, check_code NULL or MW-002): per
-- action type of :biz_date — workflow steps (STEP:<code>), field changes, control cancellations, inspections led or
-- seconded, tax bills issued or cancelled, operation-log rows (LOG:<action>) — the count, the share outside WH,
-- the first and last time, and the officer's own mean per day over the :baseline_days before :biz_date; flagged
-- when count / mean >= :ratio (a type with no baseline is reported, not flagged). One row per watch and type.
-- Baselines of steps and log rows come from the rolling int_roll_officer_handling_daily (entries per step) and
-- int_roll_sec_ops_daily; the smaller tables (field changes, controls, inspections, tax bills) are windowed.
{%- set check = {
    'code': 'MW-002', 'module': 'my_watch', 'business_line': 'general',
    'category': 'info', 'severity': 'yellow', 'object_type': 'WATCH_ITEM',
    'name_zh': '关注关员前一日操作分析', 'name_en': 'Watched officer: previous-day operations',
    'attribution': 'watched officer', 'params': {'baseline_days': 30, 'ratio': 2},
} %}
{{ config(meta={'check': check}) }}

{%- set since = biz_date() ~ " - " ~ check_param(check, 'baseline_days') %}

with watches as {{ watch_rows('OFFICER', 'MW-002') }},

acts as (
    select
        officer_id,
        'STEP:' || step_code as action_type,
        end_ts as ts
    from {{ ref('stg_raw__dec_workflow') }}
    where
        officer_id in (select watches.scope_value from watches)
        and end_ts is not null
        and {{ local_date('end_ts') }} = {{ biz_date() }}
    union all
    select
        officer_id,
        'FIELD_CHANGE' as action_type,
        change_ts as ts
    from {{ ref('stg_raw__dec_field_change') }}
    where officer_id in (select watches.scope_value from watches) and {{ local_date('change_ts') }} >= {{ since }}
    union all
    select
        cancel_officer_id as officer_id,
        'CONTROL_CANCEL' as action_type,
        cancel_ts as ts
    from {{ ref('stg_raw__risk_control') }}
    where
        cancel_officer_id in (select watches.scope_value from watches)
        and {{ local_date('cancel_ts') }} >= {{ since }}
    union all
    select
        o.officer_id,
        'INSPECTION' as action_type,
        i.end_ts as ts
    from {{ ref('stg_raw__inspection') }} as i
    cross join lateral (values (i.lead_officer_id), (i.second_officer_id)) as o (officer_id)
    where o.officer_id in (select watches.scope_value from watches) and {{ local_date('i.end_ts') }} >= {{ since }}
    union all
    select
        issuing_officer_id as officer_id,
        'TAX_BILL_ISSUE' as action_type,
        issue_ts as ts
    from {{ ref('stg_raw__tax_bill') }}
    where
        issuing_officer_id in (select watches.scope_value from watches)
        and {{ local_date('issue_ts') }} >= {{ since }}
    union all
    select
        cancel_officer_id as officer_id,
        'TAX_BILL_CANCEL' as action_type,
        cancel_ts as ts
    from {{ ref('stg_raw__tax_bill') }}
    where
        cancel_officer_id in (select watches.scope_value from watches)
        and {{ local_date('cancel_ts') }} >= {{ since }}
    union all
    select
        officer_id,
        'LOG:' || action as action_type,
        event_ts as ts
    from {{ ref('stg_raw__ops_audit_log') }}
    where
        officer_id in (select watches.scope_value from watches)
        and {{ local_date('event_ts') }} = {{ biz_date() }}
),

rolled_baseline as (
    select
        officer_id,
        'STEP:' || step_code as action_type,
        sum(entries_handled) as n
    from {{ ref('int_roll_officer_handling_daily') }}
    where
        officer_id in (select watches.scope_value from watches)
        and activity_date >= {{ since }}
        and activity_date < {{ biz_date() }}
    group by officer_id, step_code
    union all
    select
        officer_id,
        'LOG:' || action as action_type,
        sum(n_actions) as n
    from {{ ref('int_roll_sec_ops_daily') }}
    where
        officer_id in (select watches.scope_value from watches)
        and activity_date >= {{ since }}
        and activity_date < {{ biz_date() }}
    group by officer_id, action
),

scoped as (
    select * from acts
    where {{ local_date('ts') }} <= {{ biz_date() }}
),

per_type as (
    select
        scoped.officer_id,
        scoped.action_type,
        count(*) filter (where {{ local_date('scoped.ts') }} = {{ biz_date() }}) as n_today,
        count(*) filter (
            where {{ local_date('scoped.ts') }} = {{ biz_date() }} and {{ outside_wh('scoped.ts') }}
        ) as n_outside_wh,
        (
            count(*) filter (where {{ local_date('scoped.ts') }} < {{ biz_date() }})
            + coalesce(max(rolled_baseline.n), 0)
        )::numeric / {{ check_param(check, 'baseline_days') }} as baseline_mean,
        min(scoped.ts) filter (where {{ local_date('scoped.ts') }} = {{ biz_date() }}) as first_ts,
        max(scoped.ts) filter (where {{ local_date('scoped.ts') }} = {{ biz_date() }}) as last_ts
    from scoped
    left join rolled_baseline
        on scoped.officer_id = rolled_baseline.officer_id and scoped.action_type = rolled_baseline.action_type
    group by scoped.officer_id, scoped.action_type
),

items as (
    select
        watches.watch_id,
        watches.user_name,
        watches.scope_type,
        watches.scope_value,
        watches.check_code as watched_check_code,
        'ACTION_TYPE' as item_type,
        per_type.action_type as item_id,
        per_type.officer_id,
        null::text as enterprise_code,
        null::text as severity,
        per_type.baseline_mean > 0
        and per_type.n_today / per_type.baseline_mean >= {{ check_param(check, 'ratio') }} as flagged,
        jsonb_build_object(
            'n', per_type.n_today,
            'n_outside_wh', per_type.n_outside_wh,
            'share_outside_wh', round(per_type.n_outside_wh::numeric / per_type.n_today, 4),
            'baseline_mean', round(per_type.baseline_mean, 4),
            'ratio', round(per_type.n_today / nullif(per_type.baseline_mean, 0), 2),
            'first_ts', per_type.first_ts,
            'last_ts', per_type.last_ts
        ) as metrics
    from watches
    inner join per_type on watches.scope_value = per_type.officer_id
    where per_type.n_today > 0
)

{{ emit_watch('items', check) }}
