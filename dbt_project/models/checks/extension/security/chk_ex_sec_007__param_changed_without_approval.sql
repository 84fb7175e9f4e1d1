-- EX-SEC-007 风险参数或阈值修改无审批: a parameter change of :biz_date — an ops_audit_log PARAM_UPDATE row (detail:
-- check_code, param_name, old_value, new_value, approval_no) or an hl.check_param row changed that day — without
-- an approval number, or that narrows a check (makes it fire less) which alerted on the changing officer in
-- (:biz_date - :days, :biz_date]. Narrowing: detail direction 'NARROW', else for window parameters (period_days,
-- days, days_orange, lookback_days, baseline_days, dormant_days) a smaller value, for every other (numeric)
-- threshold a larger one. "Alerted in the last :days" = hl alerts dated in (:biz_date - :days, :biz_date): the
-- alerts of earlier nights (the day's own are issued after dbt). Charged to the officer who changed it; object
-- 'LOG:<log_id>' / 'HL:<change_id>'.
{%- set check = {
    'code': 'EX-SEC-007', 'module': 'extension', 'business_line': 'security',
    'category': 'procedure', 'severity': 'red', 'object_type': 'PARAM_CHANGE',
    'name_zh': '风险参数或阈值修改无审批', 'name_en': 'Risk parameter or threshold changed without approval',
    'attribution': 'officer who changed the parameter', 'params': {'days': 90},
} %}
{{ config(meta={'check': check}) }}

with changes as (
    select
        'LOG:' || log_id as object_id,
        event_ts as ts,
        officer_id,
        detail ->> 'check_code' as changed_check_code,
        detail ->> 'param_name' as param_name,
        detail ->> 'old_value' as old_value,
        detail ->> 'new_value' as new_value,
        nullif(trim(detail ->> 'approval_no'), '') as approval_no,
        upper(detail ->> 'direction') as direction
    from {{ ref('stg_raw__ops_audit_log') }}
    where action = 'PARAM_UPDATE' and {{ local_date('event_ts') }} = {{ biz_date() }}
    union all
    select
        'HL:' || change_id as object_id,
        changed_ts as ts,
        changed_by_officer_id as officer_id,
        check_code as changed_check_code,
        param_name,
        old_value #>> '{}' as old_value,
        new_value #>> '{}' as new_value,
        nullif(trim(approval_no), '') as approval_no,
        null as direction
    from {{ ref('stg_hl__check_param') }}
    where {{ local_date('changed_ts') }} = {{ biz_date() }}
),

judged as (
    select
        changes.*,
        coalesce(
            changes.direction = 'NARROW',
            case
                when changes.old_value !~ '^-?[0-9]+(\.[0-9]+)?$' or changes.new_value !~ '^-?[0-9]+(\.[0-9]+)?$'
                    then false
                when
                    changes.param_name in (
                        'period_days', 'days', 'days_orange', 'lookback_days', 'baseline_days', 'dormant_days'
                    )
                    then changes.new_value::numeric < changes.old_value::numeric
                else changes.new_value::numeric > changes.old_value::numeric
            end
        ) as narrows,
        (
            select count(*) from {{ ref('stg_hl__alert') }} as a
            where
                a.check_code = changes.changed_check_code
                and a.officer_id = changes.officer_id
                and a.biz_date > {{ biz_date() }} - {{ check_param(check, 'days') }}
                and a.biz_date < {{ biz_date() }}
        ) as own_alerts
    from changes
),

fired as (
    select
        object_id,
        ts as event_ts,
        officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'changed_check_code', changed_check_code,
            'param_name', param_name,
            'old_value', old_value,
            'new_value', new_value,
            'approval_no', approval_no,
            'approval_missing', approval_no is null,
            'narrows', narrows,
            'own_alerts_in_window', own_alerts,
            'days', {{ check_param(check, 'days') }}
        ) as evidence
    from judged
    where approval_no is null or (narrows and own_alerts > 0)
)

{{ emit_alerts('fired', check) }}
