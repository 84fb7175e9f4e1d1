-- EX-EXM-005 先进口后补批减免税: an exemption certificate approved on the business day that an import entry of the
-- certificate's enterprise had already quoted (dec_head.manual_no = cert_no) with a declaration time before the
-- approval. Charged to the approving officer. The refund branch of the rule is not checked (see the YAML).
{%- set check = {
    'code': 'EX-EXM-005',
    'module': 'extension',
    'business_line': 'tax_exemption',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'EXEMPTION_CERT',
    'name_zh': '先进口后补批减免税',
    'name_en': 'Exemption approved after goods were declared',
    'attribution': 'officer = z.approve_officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with certs as (
    select * from {{ ref('stg_raw__tax_exemption_cert') }}
    where approve_ts is not null and {{ local_date('approve_ts') }} = {{ biz_date() }}
),

early as (
    select
        certs.cert_no,
        count(*) as entries_before,
        min(h.entry_id) as first_entry_id,
        min(h.declare_ts) as first_declare_ts
    from certs
    inner join {{ ref('stg_raw__dec_head') }} as h
        on certs.cert_no = h.manual_no and certs.enterprise_code = h.trade_co
    where h.declare_ts < certs.approve_ts
    group by 1
),

fired as (
    select
        certs.cert_no as object_id,
        certs.approve_ts as event_ts,
        certs.approve_officer_id as officer_id,
        certs.enterprise_code,
        jsonb_build_object(
            'approve_ts', certs.approve_ts,
            'entries_declared_before', early.entries_before,
            'first_entry_id', early.first_entry_id,
            'first_declare_ts', early.first_declare_ts
        ) as evidence
    from certs
    inner join early on certs.cert_no = early.cert_no
)

{{ emit_alerts('fired', check) }}
