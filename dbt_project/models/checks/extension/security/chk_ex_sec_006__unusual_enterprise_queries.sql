-- EX-SEC-006 异常查询或导出企业数据: per officer on :biz_date, the ops_audit_log QUERY_ENTERPRISE / EXPORT_DATA rows on
-- enterprises the officer did not handle in (:biz_date - :days, :biz_date] (no manual workflow step on an entry
-- of that trader or broker, from int_roll_officer_handling_daily; an export without an enterprise object counts
-- as not handled): fires when their count >= :min_queries or the rows exported by them (detail->>'rows') sum to
-- >= :max_rows. One alert per officer and day, charged to the officer.
{%- set check = {
    'code': 'EX-SEC-006', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'yellow', 'object_type': 'OFFICER_DAY',
    'name_zh': '异常查询或导出企业数据', 'name_en': 'Unusual enterprise data queries or exports',
    'attribution': 'officer', 'params': {'days': 90, 'min_queries': 20, 'max_rows': 10000},
} %}
{{ config(meta={'check': check}) }}

with lookups as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where action in ('QUERY_ENTERPRISE', 'EXPORT_DATA') and {{ local_date('event_ts') }} = {{ biz_date() }}
),

handled as (
    select distinct
        h.officer_id,
        party.enterprise_code
    from {{ ref('int_roll_officer_handling_daily') }} as h
    cross join lateral (values (h.trade_co), (h.agent_code)) as party (enterprise_code)
    where
        {{ in_window('h.activity_date', check_param(check, 'days')) }}
        and h.officer_id in (select lookups.officer_id from lookups)
        and party.enterprise_code is not null
),

unhandled as (
    select
        lookups.*,
        case
            when lookups.detail ->> 'rows' ~ '^[0-9]+$' then (lookups.detail ->> 'rows')::bigint else 0
        end as rows_exported
    from lookups
    where not (
        lookups.object_type = 'ENTERPRISE'
        and exists (
            select 1 from handled
            where handled.officer_id = lookups.officer_id and handled.enterprise_code = lookups.object_id
        )
    )
),

per_officer as (
    select
        officer_id,
        min(event_ts) as first_ts,
        count(*) as n_lookups,
        count(distinct object_id) as n_enterprises,
        sum(rows_exported) as rows_exported
    from unhandled
    group by officer_id
),

fired as (
    select
        officer_id || '|' || {{ biz_date() }}::text as object_id,
        first_ts as event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'n_lookups_unhandled', n_lookups,
            'n_enterprises', n_enterprises,
            'rows_exported', rows_exported,
            'min_queries', {{ check_param(check, 'min_queries') }},
            'max_rows', {{ check_param(check, 'max_rows') }},
            'days', {{ check_param(check, 'days') }}
        ) as evidence
    from per_officer
    where
        n_lookups >= {{ check_param(check, 'min_queries') }}
        or rows_exported >= {{ check_param(check, 'max_rows') }}
)

{{ emit_alerts('fired', check) }}
