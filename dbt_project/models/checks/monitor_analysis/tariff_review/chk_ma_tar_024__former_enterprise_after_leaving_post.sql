-- MA-TAR-024 离岗后仍处理原企业业务: an officer o who held post P in an assignment that has ended (end_date set) and
-- who, on a day in the window (biz_date - period_days, biz_date] after that end, acted on an entry of enterprise x
-- in P's line of work while holding no assignment of P that day: a finished dec_workflow step whose step_code is
-- one of P's step_codes (int_roll_officer_handling_daily), a dec_field_change whose step_code is one of them, or a
-- valuation_action when P is VALUATION. Fires when x was among o's top_k enterprises by entries handled (steps of
-- P) during the ended assignment. Object OFFICER_ENTERPRISE = officer_id|trade_co; charged to the officer.
{%- set check = {
    'code': 'MA-TAR-024',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '离岗后仍处理原企业业务',
    'name_en': 'Officer still handles former enterprises after leaving the post',
    'attribution': 'officer',
    'params': {'period_days': 30, 'top_k': 10},
} %}
{{ config(meta={'check': check}) }}

with assignments as (
    select
        officer_id,
        post_code,
        section_unit_code,
        start_date,
        end_date
    from {{ ref('stg_raw__officer_post_assignment') }}
),

posts as (
    select
        post_code,
        step_codes
    from {{ ref('stg_raw__post') }}
),

ended as (
    -- assignments that ended before the business day, with the steps of their post
    select
        assignments.*,
        posts.step_codes
    from assignments
    inner join posts on assignments.post_code = posts.post_code
    where
        assignments.end_date is not null
        and assignments.end_date < {{ biz_date() }}
        and (
            assignments.post_code = 'VALUATION' or cardinality(posts.step_codes) > 0
        )
),

handled as (
    select * from {{ ref('int_roll_officer_handling_daily') }}
    where officer_id in (select ended.officer_id from ended)
),

former_top as (
    select *
    from (
        select
            ended.officer_id,
            ended.post_code,
            ended.end_date,
            handled.trade_co,
            sum(handled.entries_handled) as n_handled,
            row_number() over (
                partition by ended.officer_id, ended.post_code, ended.end_date
                order by sum(handled.entries_handled) desc, handled.trade_co asc
            ) as rank_in_post
        from ended
        inner join handled
            on
                ended.officer_id = handled.officer_id
                and handled.step_code = any(ended.step_codes)
                and ended.start_date <= handled.activity_date
                and ended.end_date >= handled.activity_date
        where handled.trade_co is not null
        group by ended.officer_id, ended.post_code, ended.end_date, handled.trade_co
    ) as ranked
    where rank_in_post <= {{ check_param(check, 'top_k') }}
),

declarations as (
    select
        entry_id,
        trade_co
    from {{ ref('stg_raw__dec_head') }}
),

actions as (
    select
        'WORKFLOW' as action_source,
        handled.officer_id,
        handled.step_code,
        handled.trade_co,
        handled.activity_date,
        handled.entries_handled as n
    from handled
    where {{ in_window('handled.activity_date', check_param(check, 'period_days')) }}
    union all
    select
        'FIELD_CHANGE' as action_source,
        c.officer_id,
        c.step_code,
        declarations.trade_co,
        {{ local_date('c.change_ts') }} as activity_date,
        1 as n
    from {{ ref('stg_raw__dec_field_change') }} as c
    inner join declarations on c.entry_id = declarations.entry_id
    where
        c.officer_id in (select ended.officer_id from ended)
        and {{ in_window(local_date('c.change_ts'), check_param(check, 'period_days')) }}
    union all
    select
        'VALUATION' as action_source,
        v.officer_id,
        null as step_code,
        declarations.trade_co,
        {{ local_date('v.action_ts') }} as activity_date,
        1 as n
    from {{ ref('stg_raw__valuation_action') }} as v
    inner join declarations on v.entry_id = declarations.entry_id
    where
        v.officer_id in (select ended.officer_id from ended)
        and {{ in_window(local_date('v.action_ts'), check_param(check, 'period_days')) }}
),

out_of_post as (
    select
        actions.*,
        ended.post_code,
        ended.end_date
    from actions
    inner join ended
        on
            actions.officer_id = ended.officer_id
            and actions.activity_date > ended.end_date
            and (
                (actions.action_source = 'VALUATION' and ended.post_code = 'VALUATION')
                or (actions.action_source <> 'VALUATION' and actions.step_code = any(ended.step_codes))
            )
    where not exists (
        select 1
        from assignments as current_post
        where
            current_post.officer_id = actions.officer_id
            and current_post.post_code = ended.post_code
            and current_post.start_date <= actions.activity_date
            and coalesce(current_post.end_date, date '9999-12-31') >= actions.activity_date
    )
),

matched as (
    select
        out_of_post.officer_id,
        out_of_post.trade_co,
        min(out_of_post.post_code) as former_post,
        max(out_of_post.end_date) as post_ended,
        sum(out_of_post.n) as n_actions,
        max(out_of_post.activity_date) as last_date,
        min(former_top.rank_in_post) as former_rank,
        max(former_top.n_handled) as former_n_handled
    from out_of_post
    inner join former_top
        on
            out_of_post.officer_id = former_top.officer_id
            and out_of_post.post_code = former_top.post_code
            and out_of_post.end_date = former_top.end_date
            and out_of_post.trade_co = former_top.trade_co
    group by out_of_post.officer_id, out_of_post.trade_co
),

fired as (
    select
        matched.officer_id || '|' || matched.trade_co as object_id,
        {{ ma_noon('matched.last_date') }} as event_ts,
        matched.officer_id,
        matched.trade_co as enterprise_code,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'former_post', matched.former_post,
            'post_ended', matched.post_ended,
            'n_actions', matched.n_actions,
            'former_rank', matched.former_rank,
            'former_entries_handled', matched.former_n_handled,
            'top_k', {{ check_param(check, 'top_k') }}
        ) as evidence
    from matched
)

{{ emit_alerts('fired', check) }}
