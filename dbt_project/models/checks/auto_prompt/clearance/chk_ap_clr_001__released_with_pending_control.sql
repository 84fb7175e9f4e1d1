-- AP-CLR-001 布控未查验即放行: an entry released on the business day while a control order issued before the
-- release was still pending (active, or cancelled only after the release) and no inspection ended by then.
{%- set check = {
    'code': 'AP-CLR-001',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'ENTRY',
    'name_zh': '布控未查验即放行',
    'name_en': 'Released while a control order was pending',
    'attribution': 'officer = RELEASE.officer_id',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where release_date = {{ biz_date() }}
),

controls as (
    select * from {{ ref('stg_raw__risk_control') }}
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

pending_at_release as (
    select
        releases.entry_id,
        releases.release_ts,
        releases.release_officer_id,
        controls.control_id,
        controls.status as control_status,
        controls.required_method,
        controls.issue_ts
    from releases
    inner join controls
        on
            releases.entry_id = controls.entry_id
            and releases.release_ts > controls.issue_ts
            and (
                controls.status = 'ACTIVE'
                or (controls.status = 'CANCELLED' and releases.release_ts < controls.cancel_ts)
            )
    where not exists (
        select 1 from inspections
        where releases.entry_id = inspections.entry_id and inspections.end_ts <= releases.release_ts
    )
),

fired as (
    select
        pending.entry_id as object_id,
        pending.release_ts as event_ts,
        pending.release_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'control_id', pending.control_id,
            'control_status', pending.control_status,
            'required_method', pending.required_method,
            'control_issue_ts', pending.issue_ts,
            'release_ts', pending.release_ts
        ) as evidence
    from pending_at_release as pending
    left join declarations on pending.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
