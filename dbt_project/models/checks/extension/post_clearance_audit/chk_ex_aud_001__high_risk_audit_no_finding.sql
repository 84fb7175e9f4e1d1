-- EX-AUD-001 高风险企业稽查无发现: a post-clearance audit reported on the business day with finding NONE although the
-- enterprise had >= min_flags risk flags in the audited period [scope_start_date, scope_end_date]: alerts about it
-- confirmed in disposition (event time in scope) plus valuation decisions (valuation_action DECISION) on its
-- entries. Charged to the lead auditor.
{%- set check = {
    'code': 'EX-AUD-001',
    'module': 'extension',
    'business_line': 'post_clearance_audit',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'AUDIT',
    'name_zh': '高风险企业稽查无发现',
    'name_en': 'Audit of high-risk enterprise with no finding',
    'attribution': 'officer = lead_officer_id',
    'params': {'min_flags': 3},
} %}
{{ config(meta={'check': check}) }}

with audits as (
    select * from {{ ref('stg_raw__post_audit') }}
    where finding = 'NONE' and report_ts is not null and {{ local_date('report_ts') }} = {{ biz_date() }}
),

confirmed as (
    select
        a.audit_id,
        count(*) as n
    from audits as a
    inner join {{ source('disposition', 'alert') }} as al
        on
            a.enterprise_code = al.enterprise_code
            and {{ local_date('al.event_ts') }} between a.scope_start_date and a.scope_end_date
    inner join {{ ref('int_alert_outcome') }} as o on al.alert_id = o.alert_id
    where o.conclusion = 'CONFIRMED'
    group by 1
),

valuations as (
    select
        a.audit_id,
        count(*) as n
    from audits as a
    inner join {{ ref('stg_raw__dec_head') }} as h on a.enterprise_code = h.trade_co
    inner join {{ ref('stg_raw__valuation_action') }} as v on h.entry_id = v.entry_id
    where
        v.action_type = 'DECISION'
        and {{ local_date('v.action_ts') }} between a.scope_start_date and a.scope_end_date
    group by 1
),

fired as (
    select
        a.audit_id as object_id,
        a.report_ts as event_ts,
        a.lead_officer_id as officer_id,
        a.enterprise_code,
        jsonb_build_object(
            'scope_start_date', a.scope_start_date,
            'scope_end_date', a.scope_end_date,
            'confirmed_alerts', coalesce(c.n, 0),
            'valuation_decisions', coalesce(v.n, 0),
            'min_flags', {{ check_param(check, 'min_flags') }}
        ) as evidence
    from audits as a
    left join confirmed as c on a.audit_id = c.audit_id
    left join valuations as v on a.audit_id = v.audit_id
    where coalesce(c.n, 0) + coalesce(v.n, 0) >= {{ check_param(check, 'min_flags') }}
)

{{ emit_alerts('fired', check) }}
