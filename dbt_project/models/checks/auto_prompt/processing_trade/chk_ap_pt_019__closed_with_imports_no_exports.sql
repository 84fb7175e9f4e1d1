-- AP-PT-019 有进口无出口即核销或撤销: a manual verified, closed or cancelled on the business day that imported
-- materials but exported and transferred out nothing, and whose re-exports, domestic sales and abandonment do not
-- account for its imports (within the tolerance).
{%- set check = {
    'code': 'AP-PT-019',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MANUAL',
    'name_zh': '有进口无出口即核销或撤销',
    'name_en': 'Manual closed or cancelled with imports but no exports',
    'attribution': 'officer = pt_verification.officer_id (or approver of cancellation)',
    'params': {'tol': 0.02},
} %}
{{ config(meta={'check': check}) }}

with manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
    where
        status in ('VERIFIED', 'CLOSED', 'CANCELLED')
        and {{ local_date('last_update_ts') }} = {{ biz_date() }}
),

balances as (
    select * from {{ ref('int_pt_manual_balance') }}
),

verifications as (
    select * from {{ ref('stg_raw__pt_verification') }}
),

changes as (
    select * from {{ ref('stg_raw__pt_manual_change') }}
    where new_value = 'CANCELLED'
),

unexported as (
    select
        manuals.*,
        balances.imports_usd,
        balances.exports_usd,
        balances.transfers_out_usd,
        balances.re_exports_usd,
        balances.domestic_sales_usd,
        balances.abandoned_usd
    from manuals
    inner join balances on manuals.manual_no = balances.manual_no
    where
        balances.imports_usd > 0
        and balances.exports_usd + balances.transfers_out_usd = 0
        and balances.re_exports_usd + balances.domestic_sales_usd + balances.abandoned_usd
        < balances.imports_usd * (1 - {{ check_param(check, 'tol') }})
),

-- who closed it: the approver of the cancellation for a cancelled manual, else the officer of its latest closed
-- verification
closers as (
    select
        unexported.*,
        verification.verif_id,
        verification.officer_id as verification_officer_id,
        verification.close_ts,
        cancellation.change_id as cancel_change_id,
        cancellation.approve_officer_id as cancel_officer_id,
        cancellation.approve_ts as cancel_ts
    from unexported
    left join lateral (
        select
            verifications.verif_id,
            verifications.officer_id,
            verifications.close_ts
        from verifications
        where verifications.manual_no = unexported.manual_no and verifications.close_ts is not null
        order by verifications.close_ts desc, verifications.verif_id desc
        limit 1
    ) as verification on true
    left join lateral (
        select
            changes.change_id,
            changes.approve_officer_id,
            changes.approve_ts
        from changes
        where changes.manual_no = unexported.manual_no
        order by changes.approve_ts desc, changes.change_id desc
        limit 1
    ) as cancellation on unexported.status = 'CANCELLED'
),

fired as (
    select
        manual_no as object_id,
        last_update_ts as event_ts,
        trade_co as enterprise_code,
        case
            when status = 'CANCELLED' and cancel_change_id is not null then cancel_officer_id
            else verification_officer_id
        end as officer_id,
        jsonb_build_object(
            'status', status,
            'imports_usd', imports_usd,
            'exports_usd', exports_usd,
            'transfers_out_usd', transfers_out_usd,
            're_exports_usd', re_exports_usd,
            'domestic_sales_usd', domestic_sales_usd,
            'abandoned_usd', abandoned_usd,
            'verif_id', verif_id,
            'cancel_change_id', cancel_change_id
        ) as evidence
    from closers
)

{{ emit_alerts('fired', check) }}
