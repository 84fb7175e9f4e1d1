-- EX-SEC-008 账号借用(同终端多账号): on :biz_date, >= :min_accounts distinct officers acting (any ops_audit_log row)
-- from the same terminal_id within :minutes of each other, at least one of the two acts done off duty
-- (is_off_duty). One alert per terminal and day (object terminal|date), charged to the officer of the later act of
-- the first such pair if that act was off duty, else of the earlier one; every officer involved is in evidence.
{%- set check = {
    'code': 'EX-SEC-008', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'TERMINAL_DAY',
    'name_zh': '账号借用(同终端多账号)', 'name_en': 'Account sharing on one terminal',
    'attribution': 'officers involved', 'params': {'min_accounts': 2, 'minutes': 5},
} %}
{{ config(meta={'check': check}) }}

with acts as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where terminal_id is not null and {{ local_date('event_ts') }} = {{ biz_date() }}
),

close_pairs as (
    select
        a.terminal_id,
        a.officer_id as first_officer_id,
        a.event_ts as first_ts,
        b.officer_id as second_officer_id,
        b.event_ts as second_ts
    from acts as a
    inner join acts as b
        on
            a.terminal_id = b.terminal_id
            and a.officer_id <> b.officer_id
            and a.event_ts <= b.event_ts
            and b.event_ts <= a.event_ts + interval '1 minute' * {{ check_param(check, 'minutes') }}
),

judged as (
    select
        close_pairs.*,
        {{ is_off_duty('close_pairs.first_officer_id', 'close_pairs.first_ts') }} as first_off_duty,
        {{ is_off_duty('close_pairs.second_officer_id', 'close_pairs.second_ts') }} as second_off_duty
    from close_pairs
),

per_terminal as (
    select
        terminal_id,
        min(second_ts) as event_ts,
        (
            array_agg(
                case when second_off_duty then second_officer_id else first_officer_id end
                order by second_ts, first_ts
            )
        )[1] as officer_id,
        (
            select count(distinct o.officer_id)
            from judged as j2
            cross join lateral (values (j2.first_officer_id), (j2.second_officer_id)) as o (officer_id)
            where j2.terminal_id = judged.terminal_id and (j2.first_off_duty or j2.second_off_duty)
        ) as n_accounts,
        jsonb_agg(jsonb_build_object(
            'first_officer_id', first_officer_id, 'first_ts', first_ts, 'first_off_duty', first_off_duty,
            'second_officer_id', second_officer_id, 'second_ts', second_ts, 'second_off_duty', second_off_duty
        ) order by second_ts) as pairs
    from judged
    where first_off_duty or second_off_duty
    group by terminal_id
),

fired as (
    select
        terminal_id || '|' || {{ biz_date() }}::text as object_id,
        event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'terminal_id', terminal_id,
            'n_accounts', n_accounts,
            'pairs', pairs,
            'minutes', {{ check_param(check, 'minutes') }}
        ) as evidence
    from per_terminal
    where n_accounts >= {{ check_param(check, 'min_accounts') }}
)

{{ emit_alerts('fired', check) }}
