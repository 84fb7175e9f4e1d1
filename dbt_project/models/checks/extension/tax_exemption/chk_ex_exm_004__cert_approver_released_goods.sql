-- EX-EXM-004 审批与验放为同一人: an import entry released on the business day quoting an exemption certificate
-- (manual_no Z…) whose approving officer also did the entry's MANUAL_REVIEW or RELEASE step. Charged to that officer.
{%- set check = {
    'code': 'EX-EXM-004',
    'module': 'extension',
    'business_line': 'tax_exemption',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '审批与验放为同一人',
    'name_en': 'Same officer approved certificate and released goods',
    'attribution': 'officer',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

heads as (
    select
        h.entry_id,
        h.manual_no,
        h.trade_co
    from {{ ref('stg_raw__dec_head') }} as h
    inner join released as r on h.entry_id = r.entry_id
    where h.ie_flag = 'I' and h.manual_no like 'Z%'
),

certs as (
    select * from {{ ref('stg_raw__tax_exemption_cert') }}
    where approve_officer_id is not null
),

reviews as (
    select
        entry_id,
        officer_id
    from {{ ref('int_entry_steps') }}
    where step_code = 'MANUAL_REVIEW' and end_ts is not null
),

fired as (
    select
        heads.entry_id as object_id,
        released.release_ts as event_ts,
        certs.approve_officer_id as officer_id,
        heads.trade_co as enterprise_code,
        jsonb_build_object(
            'cert_no', certs.cert_no,
            'approve_officer_id', certs.approve_officer_id,
            'review_officer_id', reviews.officer_id,
            'release_officer_id', released.release_officer_id
        ) as evidence
    from heads
    inner join released on heads.entry_id = released.entry_id
    inner join certs on heads.manual_no = certs.cert_no
    left join reviews on heads.entry_id = reviews.entry_id
    where
        certs.approve_officer_id = released.release_officer_id
        or certs.approve_officer_id = reviews.officer_id
)

{{ emit_alerts('fired', check) }}
