-- EX-AUD-005 同一人反复稽查同一企业: an audit noticed on the business day whose lead auditor led, with it, >= min_n
-- audits of the same enterprise noticed in the `years` years up to the business day. The object is the new audit.
-- Charged to the lead auditor.
{%- set check = {
    'code': 'EX-AUD-005',
    'module': 'extension',
    'business_line': 'post_clearance_audit',
    'category': 'relationship',
    'severity': 'yellow',
    'object_type': 'AUDIT',
    'name_zh': '同一人反复稽查同一企业',
    'name_en': 'Same auditor repeatedly audits one enterprise',
    'attribution': 'officer = lead_officer_id',
    'params': {'years': 3, 'min_n': 2},
} %}
{{ config(meta={'check': check}) }}

with audits as (
    select * from {{ ref('stg_raw__post_audit') }}
),

todays as (
    select * from audits
    where {{ local_date('notice_ts') }} = {{ biz_date() }}
),

counted as (
    select
        t.audit_id,
        count(*) as n,
        array_agg(a.audit_id order by a.notice_ts) as audits
    from todays as t
    inner join audits as a
        on
            t.lead_officer_id = a.lead_officer_id
            and t.enterprise_code = a.enterprise_code
            and {{ local_date('a.notice_ts') }} > {{ biz_date() }} - interval '{{ check_param(check, "years") }} years'
            and {{ local_date('a.notice_ts') }} <= {{ biz_date() }}
    group by 1
),

fired as (
    select
        t.audit_id as object_id,
        t.notice_ts as event_ts,
        t.lead_officer_id as officer_id,
        t.enterprise_code,
        jsonb_build_object(
            'window_years', {{ check_param(check, 'years') }},
            'n', c.n,
            'audits', to_jsonb(c.audits),
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from todays as t
    inner join counted as c on t.audit_id = c.audit_id
    where c.n >= {{ check_param(check, 'min_n') }}
)

{{ emit_alerts('fired', check) }}
