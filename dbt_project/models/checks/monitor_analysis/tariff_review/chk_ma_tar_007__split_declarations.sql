-- MA-TAR-007 拆分申报规避审核阈值: the declarations reviewed or released so far and declared in the window
-- (biz_date - period_days, biz_date] are grouped by (trade_co, COALESCE(bill_no, contract_no)); a split is a run of
-- at least min_splits of them declared within split_days of the run's first declaration, each under threshold_cny
-- (total_value_cny) and together at least threshold_cny (the earliest such run per group). One alert per officer
-- who reviewed or released at least half of the run's declarations, or one enterprise-level alert without an
-- officer when nobody did.
{%- set check = {
    'code': 'MA-TAR-007',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'OFFICER_SPLIT',
    'name_zh': '拆分申报规避审核阈值',
    'name_en': 'Split declarations under review thresholds',
    'attribution': 'enterprise-level finding; officers who handled ≥ half of the splits',
    'params': {'period_days': 30, 'split_days': 3, 'min_splits': 3, 'threshold_cny': 100000},
} %}
{{ config(meta={'check': check}) }}

with handled as (
    select * from {{ ref('int_roll_ma_tar_a_handled_items') }}
    where
        coalesce(bill_no, contract_no) is not null
        and {{ in_window(local_date('declare_ts'), check_param(check, 'period_days')) }}
),

entries as (
    select distinct
        entry_id,
        trade_co,
        declare_ts,
        total_value_cny,
        coalesce(bill_no, contract_no) as split_key
    from handled
),

runs as (
    -- from each declaration, the group's declarations of the next split_days
    select
        anchor.trade_co,
        anchor.split_key,
        anchor.entry_id as run_start_entry_id,
        anchor.declare_ts as run_start_ts,
        count(*) as n_splits,
        max(member.total_value_cny) as max_value_cny,
        sum(member.total_value_cny) as sum_value_cny,
        array_agg(member.entry_id order by member.declare_ts, member.entry_id) as entry_ids
    from entries as anchor
    inner join entries as member
        on
            anchor.trade_co = member.trade_co
            and anchor.split_key = member.split_key
            and anchor.declare_ts <= member.declare_ts
            and member.declare_ts < anchor.declare_ts + interval '{{ check_param(check, "split_days") }} days'
    group by anchor.trade_co, anchor.split_key, anchor.entry_id, anchor.declare_ts
),

splits as (
    select distinct on (trade_co, split_key) *
    from runs
    where
        n_splits >= {{ check_param(check, 'min_splits') }}
        and max_value_cny < {{ check_param(check, 'threshold_cny') }}
        and sum_value_cny >= {{ check_param(check, 'threshold_cny') }}
    order by trade_co asc, split_key asc, run_start_ts asc, run_start_entry_id asc
),

handlers as (
    select
        splits.trade_co,
        splits.split_key,
        handled.officer_id,
        count(distinct handled.entry_id) as n_handled,
        max(handled.end_ts) as last_handled_ts
    from splits
    inner join handled on splits.entry_ids @> array[handled.entry_id]
    where handled.officer_id is not null
    group by splits.trade_co, splits.split_key, handled.officer_id
),

charged as (
    select
        splits.*,
        handlers.officer_id,
        handlers.n_handled,
        coalesce(handlers.last_handled_ts, splits.run_start_ts) as event_ts
    from splits
    left join handlers
        on
            splits.trade_co = handlers.trade_co
            and splits.split_key = handlers.split_key
            and handlers.n_handled * 2 >= splits.n_splits
),

fired as (
    select
        event_ts,
        officer_id,
        trade_co as enterprise_code,
        concat_ws('|', coalesce(officer_id, ''), trade_co, split_key) as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'split_key', split_key,
            'n', n_splits,
            'entry_ids', to_jsonb(entry_ids),
            'max_value_cny', max_value_cny,
            'sum_value_cny', sum_value_cny,
            'threshold_cny', {{ check_param(check, 'threshold_cny') }},
            'split_days', {{ check_param(check, 'split_days') }},
            'n_handled_by_officer', n_handled
        ) as evidence
    from charged
)

{{ emit_alerts('fired', check) }}
