-- AP-CLR-012 具备放行条件未及时放行: an entry released on the business day more than :max_hours working hours after
-- it met every release condition P(e) (int_clr_release_readiness), or ready but still unreleased, not suspended
-- and not deleted, more than :max_hours working hours at the end of the business day.
{%- set check = {
    'code': 'AP-CLR-012',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'ENTRY',
    'name_zh': '具备放行条件未及时放行',
    'name_en': 'Release delayed after all conditions met',
    'attribution': 'release section; officer = RELEASE.officer_id when released',
    'params': {'max_hours': 4},
} %}
{{ config(meta={'check': check}) }}

with readiness as (
    select * from {{ ref('int_clr_release_readiness') }}
    where ready_ts is not null
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'RELEASE'
),

candidates as (
    select *
    from readiness
    where
        {{ local_date('release_ts') }} = {{ biz_date() }}
        or (
            release_ts is null
            and ready_ts < {{ end_of_biz_date() }}
            and not is_suspended
            and not is_deleted
        )
),

waits as (
    select
        *,
        case
            when release_ts is not null then {{ working_hours_between('ready_ts', 'release_ts') }}
            else {{ working_hours_between('ready_ts', end_of_biz_date()) }}
        end as waited_hours
    from candidates
),

fired as (
    select
        waits.entry_id as object_id,
        waits.release_officer_id as officer_id,
        waits.trade_co as enterprise_code,
        coalesce(waits.release_ts, waits.ready_ts) as event_ts,
        jsonb_build_object(
            'ready_ts', waits.ready_ts,
            'release_ts', waits.release_ts,
            'waited_working_hours', round(waits.waited_hours, 2),
            'review_pass_ts', waits.review_pass_ts,
            'accept_ts', waits.accept_ts,
            'tax_paid_ts', waits.tax_paid_ts,
            'guarantee_ts', waits.guarantee_ts,
            'inspection_ok_ts', waits.inspection_ok_ts,
            'release_section', post_sections.section_unit_code
        ) as evidence
    from waits
    left join post_sections on waits.declare_customs_code = post_sections.customs_code
    where waits.waited_hours > {{ check_param(check, 'max_hours') }}
)

{{ emit_alerts('fired', check) }}
