-- EX-SEC-001 账号多终端并发登录: per officer, two login sessions of :biz_date from a different terminal_id or ip_addr
-- that overlap in time, or two LOGINs within :minutes of each other from different ip_addr. A session runs from
-- a LOGIN to the officer's next LOGOUT from the same terminal and address (else to the end of the day). One alert
-- per officer and day (object officer|date), charged to the account owner; the pairs are in the evidence.
{%- set check = {
    'code': 'EX-SEC-001', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'orange', 'object_type': 'OFFICER_DAY',
    'name_zh': '账号多终端并发登录', 'name_en': 'Account used concurrently from two terminals',
    'attribution': 'officer (account owner)', 'params': {'minutes': 10},
} %}
{{ config(meta={'check': check}) }}

with session_log as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where action in ('LOGIN', 'LOGOUT') and {{ local_date('event_ts') }} = {{ biz_date() }}
),

sessions as (
    select
        opened.log_id,
        opened.officer_id,
        opened.event_ts as login_ts,
        opened.terminal_id,
        opened.ip_addr,
        coalesce((
            select min(logout.event_ts) from session_log as logout
            where
                logout.action = 'LOGOUT'
                and logout.officer_id = opened.officer_id
                and logout.event_ts >= opened.event_ts
                and logout.terminal_id is not distinct from opened.terminal_id
                and logout.ip_addr is not distinct from opened.ip_addr
        ), {{ end_of_biz_date() }}) as logout_ts
    from session_log as opened
    where opened.action = 'LOGIN'
),

pairs as (
    select
        a.officer_id,
        b.login_ts as event_ts,
        jsonb_build_object(
            'first', jsonb_build_object(
                'log_id', a.log_id, 'login_ts', a.login_ts, 'logout_ts', a.logout_ts,
                'terminal_id', a.terminal_id, 'ip_addr', host(a.ip_addr)
            ),
            'second', jsonb_build_object(
                'log_id', b.log_id, 'login_ts', b.login_ts, 'logout_ts', b.logout_ts,
                'terminal_id', b.terminal_id, 'ip_addr', host(b.ip_addr)
            ),
            'overlap', a.login_ts < b.logout_ts and b.login_ts < a.logout_ts
        ) as pair
    from sessions as a
    inner join sessions as b
        on
            a.officer_id = b.officer_id
            and (a.login_ts, a.log_id) < (b.login_ts, b.log_id)
    where
        (
            (a.terminal_id is distinct from b.terminal_id or a.ip_addr is distinct from b.ip_addr)
            and a.login_ts < b.logout_ts
            and b.login_ts < a.logout_ts
        )
        or (
            a.ip_addr is distinct from b.ip_addr
            and b.login_ts - a.login_ts <= interval '1 minute' * {{ check_param(check, 'minutes') }}
        )
),

fired as (
    select
        officer_id || '|' || {{ biz_date() }}::text as object_id,
        min(event_ts) as event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'n_pairs', count(*),
            'pairs', jsonb_agg(pair order by event_ts),
            'minutes', {{ check_param(check, 'minutes') }}
        ) as evidence
    from pairs
    group by officer_id
)

{{ emit_alerts('fired', check) }}
