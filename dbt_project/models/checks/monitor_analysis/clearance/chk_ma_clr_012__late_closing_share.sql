-- MA-CLR-012 结关滞后率偏高: per release section (the section of the entries' RELEASE step), over the exports released
-- in the window (biz_date - :period_days, biz_date] (not deleted, with a manifest), the share that are late — the
-- conveyance departed before biz_date - :days and the export has no CLOSE step — is above :max_share.
{%- set check = {
    'code': 'MA-CLR-012',
    'module': 'monitor_analysis',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'SECTION',
    'name_zh': '结关滞后率偏高',
    'name_en': 'High share of late closings',
    'attribution': 'release section',
    'params': {'period_days': 30, 'days': 7, 'max_share': 0.05},
} %}
{{ config(meta={'check': check}) }}

with releases as (
    select * from {{ ref('int_entry_release') }}
    where {{ in_window('release_date', check_param(check, 'period_days')) }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where ie_flag = 'E' and dec_status <> 'DELETED'
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

manifests as (
    select * from {{ ref('stg_raw__manifest') }}
),

released_exports as (
    select
        declarations.entry_id,
        declarations.trade_co,
        release_steps.section_unit_code as release_section,
        releases.release_ts,
        manifests.departure_ts,
        manifests.departure_ts is not null
        and {{ local_date('manifests.departure_ts') }} < {{ biz_date() }} - {{ check_param(check, 'days') }}
        and not exists (
            select 1 from steps as closes
            where closes.entry_id = declarations.entry_id and closes.step_code in ('CLOSE', 'DELETE')
        ) as is_late
    from releases
    inner join declarations on releases.entry_id = declarations.entry_id
    inner join manifests on declarations.manifest_id = manifests.manifest_id
    inner join steps as release_steps
        on releases.entry_id = release_steps.entry_id and release_steps.step_code = 'RELEASE'
    where release_steps.section_unit_code is not null
),

per_section as (
    select
        release_section,
        count(*) as n_released,
        count(*) filter (where is_late) as n_late,
        count(*) filter (where is_late)::numeric / count(*) as late_share,
        max(departure_ts) filter (where is_late) as last_late_departure_ts,
        (array_agg(entry_id order by departure_ts) filter (where is_late))[1:10] as late_entries
    from released_exports
    group by release_section
),

fired as (
    select
        release_section as object_id,
        last_late_departure_ts as event_ts,
        null::text as officer_id,
        null::text as enterprise_code,
        jsonb_build_object(
            'release_section', release_section,
            'window_start', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_end', {{ biz_date() }},
            'n', n_released,
            'n_late', n_late,
            'share', round(late_share, 4),
            'threshold', {{ check_param(check, 'max_share') }},
            'late_entries', late_entries
        ) as evidence
    from per_section
    where late_share > {{ check_param(check, 'max_share') }}
)

{{ emit_alerts('fired', check) }}
