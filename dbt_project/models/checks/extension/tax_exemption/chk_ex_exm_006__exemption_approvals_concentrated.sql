-- EX-EXM-006 减免税审批集中于同一关员: evaluated for each (approving officer, enterprise) pair with an approval on the
-- business day. Over the window (biz_date - period_days, biz_date] of approve_ts: the enterprise has >= min_n
-- approved certificates, the officer approved >= min_share of them, and the officer's section had >= min_peers
-- distinct approvers of certificates in the window (so the concentration was avoidable). Object: the pair.
{%- set check = {
    'code': 'EX-EXM-006',
    'module': 'extension',
    'business_line': 'tax_exemption',
    'category': 'relationship',
    'severity': 'orange',
    'object_type': 'OFFICER_ENTERPRISE',
    'name_zh': '减免税审批集中于同一关员',
    'name_en': 'Exemption approvals concentrated on one officer',
    'attribution': 'officer',
    'params': {'period_days': 365, 'min_share': 0.7, 'min_n': 5, 'min_peers': 2},
} %}
{{ config(meta={'check': check}) }}

with approvals as (
    select
        z.cert_no,
        z.enterprise_code,
        z.approve_officer_id,
        z.approve_ts,
        o.section_unit_code
    from {{ ref('stg_raw__tax_exemption_cert') }} as z
    left join {{ ref('stg_raw__officer') }} as o on z.approve_officer_id = o.officer_id
    where
        z.approve_ts is not null
        and z.approve_officer_id is not null
        and {{ in_window(local_date('z.approve_ts'), check_param(check, 'period_days')) }}
),

triggered as (
    select distinct
        approve_officer_id,
        enterprise_code
    from approvals
    where {{ local_date('approve_ts') }} = {{ biz_date() }}
),

per_enterprise as (
    select
        enterprise_code,
        count(*) as n_certs
    from approvals
    group by 1
),

per_pair as (
    select
        approve_officer_id,
        enterprise_code,
        max(section_unit_code) as section_unit_code,
        count(*) as n_officer,
        max(approve_ts) as last_approve_ts
    from approvals
    group by 1, 2
),

section_peers as (
    select
        section_unit_code,
        count(distinct approve_officer_id) as approvers
    from approvals
    group by 1
),

fired as (
    select
        p.last_approve_ts as event_ts,
        p.approve_officer_id as officer_id,
        p.enterprise_code,
        p.approve_officer_id || '|' || p.enterprise_code as object_id,
        jsonb_build_object(
            'window_days', {{ check_param(check, 'period_days') }},
            'n', e.n_certs,
            'n_officer', p.n_officer,
            'share', round(p.n_officer::numeric / e.n_certs, 4),
            'section_approvers', s.approvers,
            'min_share', {{ check_param(check, 'min_share') }},
            'min_n', {{ check_param(check, 'min_n') }}
        ) as evidence
    from per_pair as p
    inner join triggered as t
        on p.approve_officer_id = t.approve_officer_id and p.enterprise_code = t.enterprise_code
    inner join per_enterprise as e on p.enterprise_code = e.enterprise_code
    left join section_peers as s on p.section_unit_code = s.section_unit_code
    where
        e.n_certs >= {{ check_param(check, 'min_n') }}
        and p.n_officer::numeric / e.n_certs >= {{ check_param(check, 'min_share') }}
        and coalesce(s.approvers, 0) >= {{ check_param(check, 'min_peers') }}
)

{{ emit_alerts('fired', check) }}
