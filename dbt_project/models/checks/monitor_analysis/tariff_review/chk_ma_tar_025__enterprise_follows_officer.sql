-- MA-TAR-025 企业随关员转移申报地: an officer o with an assignment starting at M in the lookback (biz_date -
-- lookback_days, biz_date] in a section of subordinate customs B, after an assignment (ended before M) in a section
-- of another subordinate customs A. Before = [M - lookback_days, M), after = [M, biz_date]. For an enterprise x:
-- o handled (finished workflow steps, int_roll_officer_handling_daily) at least min_share of x's entries declared at
-- A before; x's share of its entries declared at B rose by at least min_shift from before to after; o handled at
-- least min_share2 of x's entries declared at B after; with at least min_n entries of x at A before and at B after.
-- Object OFFICER_ENTERPRISE = officer_id|trade_co; charged to the officer, both customs in evidence.
{%- set check = {
    'code': 'MA-TAR-025',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'relationship',
    'severity': 'red',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '企业随关员转移申报地',
    'name_en': 'Enterprise follows officer to a new customs',
    'attribution': 'officer; both subordinate customs',
    'params': {'lookback_days': 180, 'min_share': 0.4, 'min_shift': 0.3, 'min_share2': 0.4, 'min_n': 5},
} %}
{{ config(meta={'check': check}) }}

with attribution as (
    select * from {{ ref('int_officer_attribution') }}
    where subordinate_unit_code is not null
),

moves as (
    select distinct on (new_post.officer_id, new_post.valid_from)
        new_post.officer_id,
        new_post.valid_from as moved_on,
        old_post.subordinate_unit_code as from_customs,
        new_post.subordinate_unit_code as to_customs
    from attribution as new_post
    inner join attribution as old_post
        on
            new_post.officer_id = old_post.officer_id
            and old_post.valid_to is not null
            and new_post.valid_from > old_post.valid_to
            and new_post.subordinate_unit_code <> old_post.subordinate_unit_code
    where {{ in_window('new_post.valid_from', check_param(check, 'lookback_days')) }}
    order by new_post.officer_id asc, new_post.valid_from asc, old_post.valid_to desc
),

handled_daily as (
    -- entries of an enterprise an officer handled per day and customs (max over steps: one entry, several steps)
    select
        activity_date,
        officer_id,
        customs_code,
        trade_co,
        max(entries_handled) as n
    from {{ ref('int_roll_officer_handling_daily') }}
    where
        officer_id in (select moves.officer_id from moves)
        and trade_co is not null
        and activity_date > {{ biz_date() }} - 2 * {{ check_param(check, 'lookback_days') }}
    group by activity_date, officer_id, customs_code, trade_co
),

declared as (
    select * from {{ ref('int_roll_ma_tar_b_enterprise_declarations_daily') }}
    where activity_date > {{ biz_date() }} - 2 * {{ check_param(check, 'lookback_days') }}
),

officer_side as (
    select
        moves.officer_id,
        moves.moved_on,
        moves.from_customs,
        moves.to_customs,
        handled_daily.trade_co,
        sum(handled_daily.n) filter (
            where handled_daily.customs_code = moves.from_customs and handled_daily.activity_date < moves.moved_on
        ) as o_at_a_before,
        sum(handled_daily.n) filter (
            where handled_daily.customs_code = moves.to_customs and handled_daily.activity_date >= moves.moved_on
        ) as o_at_b_after
    from moves
    inner join handled_daily
        on
            moves.officer_id = handled_daily.officer_id
            and handled_daily.activity_date >= moves.moved_on - {{ check_param(check, 'lookback_days') }}
            and handled_daily.activity_date <= {{ biz_date() }}
    group by moves.officer_id, moves.moved_on, moves.from_customs, moves.to_customs, handled_daily.trade_co
),

enterprise_side as (
    select
        officer_side.officer_id,
        officer_side.moved_on,
        officer_side.trade_co,
        sum(declared.entries_declared) filter (
            where declared.activity_date < officer_side.moved_on
        ) as x_before,
        sum(declared.entries_declared) filter (
            where declared.activity_date < officer_side.moved_on
            and declared.declare_customs_code = officer_side.from_customs
        ) as x_at_a_before,
        sum(declared.entries_declared) filter (
            where declared.activity_date < officer_side.moved_on
            and declared.declare_customs_code = officer_side.to_customs
        ) as x_at_b_before,
        sum(declared.entries_declared) filter (
            where declared.activity_date >= officer_side.moved_on
        ) as x_after,
        sum(declared.entries_declared) filter (
            where declared.activity_date >= officer_side.moved_on
            and declared.declare_customs_code = officer_side.to_customs
        ) as x_at_b_after
    from officer_side
    inner join declared
        on
            officer_side.trade_co = declared.trade_co
            and declared.activity_date >= officer_side.moved_on - {{ check_param(check, 'lookback_days') }}
            and declared.activity_date <= {{ biz_date() }}
    group by officer_side.officer_id, officer_side.moved_on, officer_side.trade_co
),

measured as (
    select
        officer_side.*,
        enterprise_side.x_at_a_before,
        enterprise_side.x_at_b_after,
        coalesce(officer_side.o_at_a_before, 0)::numeric / nullif(enterprise_side.x_at_a_before, 0) as share_at_a,
        coalesce(enterprise_side.x_at_b_before, 0)::numeric / nullif(enterprise_side.x_before, 0) as b_share_before,
        coalesce(enterprise_side.x_at_b_after, 0)::numeric / nullif(enterprise_side.x_after, 0) as b_share_after,
        coalesce(officer_side.o_at_b_after, 0)::numeric / nullif(enterprise_side.x_at_b_after, 0) as share_at_b
    from officer_side
    inner join enterprise_side
        on
            officer_side.officer_id = enterprise_side.officer_id
            and officer_side.moved_on = enterprise_side.moved_on
            and officer_side.trade_co = enterprise_side.trade_co
),

fired as (
    select distinct on (measured.officer_id, measured.trade_co)
        measured.officer_id || '|' || measured.trade_co as object_id,
        {{ ma_noon('measured.moved_on') }} as event_ts,
        measured.officer_id,
        measured.trade_co as enterprise_code,
        jsonb_build_object(
            'moved_on', measured.moved_on,
            'from_customs', measured.from_customs,
            'to_customs', measured.to_customs,
            'entries_at_a_before', measured.x_at_a_before,
            'officer_share_at_a_before', round(measured.share_at_a, 4),
            'b_share_before', round(coalesce(measured.b_share_before, 0), 4),
            'b_share_after', round(measured.b_share_after, 4),
            'entries_at_b_after', measured.x_at_b_after,
            'officer_share_at_b_after', round(measured.share_at_b, 4),
            'min_share', {{ check_param(check, 'min_share') }},
            'min_shift', {{ check_param(check, 'min_shift') }},
            'min_share2', {{ check_param(check, 'min_share2') }}
        ) as evidence
    from measured
    where
        measured.x_at_a_before >= {{ check_param(check, 'min_n') }}
        and measured.x_at_b_after >= {{ check_param(check, 'min_n') }}
        and measured.share_at_a >= {{ check_param(check, 'min_share') }}
        and measured.b_share_after - coalesce(measured.b_share_before, 0) >= {{ check_param(check, 'min_shift') }}
        and measured.share_at_b >= {{ check_param(check, 'min_share2') }}
    order by measured.officer_id asc, measured.trade_co asc, measured.moved_on desc
)

{{ emit_alerts('fired', check) }}
