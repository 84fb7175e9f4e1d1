-- AP-CLR-016 出口放行后逾期未结关: a released, not deleted export with no CLOSE step whose conveyance (its manifest)
-- departed exactly :close_days days before the business day.
{%- set check = {
    'code': 'AP-CLR-016',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '出口放行后逾期未结关',
    'name_en': 'Export not closed after departure',
    'attribution': 'release section of e.ie_port_code',
    'params': {'close_days': 3},
} %}
{{ config(meta={'check': check}) }}

with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
    where ie_flag = 'E' and dec_status <> 'DELETED'
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

manifests as (
    select * from {{ ref('stg_raw__manifest') }}
    where departure_ts is not null
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'RELEASE'
),

unclosed as (
    select
        declarations.entry_id,
        declarations.trade_co,
        declarations.ie_port_code,
        declarations.manifest_id,
        releases.release_ts,
        manifests.departure_ts
    from declarations
    inner join releases on declarations.entry_id = releases.entry_id
    inner join manifests on declarations.manifest_id = manifests.manifest_id
    where
        {{ local_date('manifests.departure_ts') }} + {{ check_param(check, 'close_days') }} = {{ biz_date() }}
        and not exists (
            select 1 from steps
            where
                declarations.entry_id = steps.entry_id
                and steps.step_code in ('CLOSE', 'DELETE')
        )
),

fired as (
    select
        unclosed.entry_id as object_id,
        unclosed.departure_ts as event_ts,
        null::text as officer_id,
        unclosed.trade_co as enterprise_code,
        jsonb_build_object(
            'manifest_id', unclosed.manifest_id,
            'release_ts', unclosed.release_ts,
            'departure_ts', unclosed.departure_ts,
            'ie_port_code', unclosed.ie_port_code,
            'release_section', coalesce(post_sections.section_unit_code, release_steps.section_unit_code)
        ) as evidence
    from unclosed
    left join post_sections on unclosed.ie_port_code = post_sections.customs_code
    left join steps as release_steps
        on unclosed.entry_id = release_steps.entry_id and release_steps.step_code = 'RELEASE'
)

{{ emit_alerts('fired', check) }}
