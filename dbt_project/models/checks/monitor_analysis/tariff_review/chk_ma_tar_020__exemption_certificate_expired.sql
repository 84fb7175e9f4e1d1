-- MA-TAR-020 征免税证明过期仍使用: an import entry released in the window (biz_date - period_days, biz_date] whose
-- manual_no is a duty exemption certificate (Z...) found in tax_exemption_cert, declared (local date of declare_ts)
-- after the certificate's valid_until. One alert per entry, charged to the reviewer (latest MANUAL_REVIEW officer),
-- else to the releasing officer.
{%- set check = {
    'code': 'MA-TAR-020',
    'module': 'monitor_analysis',
    'business_line': 'tariff_review',
    'category': 'timeliness',
    'severity': 'orange',
    'object_type': 'ENTRY',
    'name_zh': '征免税证明过期仍使用',
    'name_en': 'Exemption certificate used after expiry',
    'attribution': 'officer (reviewer/releaser)',
    'params': {'period_days': 30},
} %}
{{ config(meta={'check': check}) }}

with released as (
    select * from {{ ref('int_roll_ma_tar_b_import_releases') }}
    where
        manual_no like 'Z%'
        and {{ in_window('activity_date', check_param(check, 'period_days')) }}
),

certificates as (
    select
        cert_no,
        enterprise_code,
        valid_until,
        approve_officer_id
    from {{ ref('stg_raw__tax_exemption_cert') }}
),

fired as (
    select
        released.entry_id as object_id,
        released.release_ts as event_ts,
        released.trade_co as enterprise_code,
        coalesce(released.review_officer_id, released.release_officer_id) as officer_id,
        jsonb_build_object(
            'cert_no', certificates.cert_no,
            'valid_until', certificates.valid_until,
            'declare_date', {{ local_date('released.declare_ts') }},
            'days_after_expiry', {{ local_date('released.declare_ts') }} - certificates.valid_until,
            'release_ts', released.release_ts,
            'review_officer_id', released.review_officer_id,
            'release_officer_id', released.release_officer_id
        ) as evidence
    from released
    inner join certificates on trim(released.manual_no) = certificates.cert_no
    where {{ local_date('released.declare_ts') }} > certificates.valid_until
)

{{ emit_alerts('fired', check) }}
