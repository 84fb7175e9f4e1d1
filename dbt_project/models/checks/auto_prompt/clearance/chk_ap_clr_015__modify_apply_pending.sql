-- AP-CLR-015 修撤单申请超期未办: a modification/deletion application still PENDING on its first overdue working day
-- (WD(accept_ts, biz_date) = :max_workdays + 1), prompted again every :repeat_every_workdays working days after.
{%- set check = {
    'code': 'AP-CLR-015',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'timeliness',
    'severity': 'yellow',
    'object_type': 'MODIFY_APPLY',
    'name_zh': '修撤单申请超期未办',
    'name_en': 'Modify/delete application pending too long',
    'attribution': 'officer = a.approve_officer_id if assigned, else handling section',
    'params': {'max_workdays': 5, 'repeat_every_workdays': 5},
} %}
{%- set first_overdue = check_param(check, 'max_workdays') + 1 %}
{{ config(meta={'check': check}) }}

with applications as (
    select * from {{ ref('stg_raw__dec_modify_apply') }}
    where decision = 'PENDING' and accept_ts is not null
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'REVIEW'
),

aged as (
    select
        *,
        {{ workdays_between_dates(local_date('accept_ts'), biz_date()) }} as workdays_pending
    from applications
),

overdue as (
    select *
    from aged
    where
        workdays_pending = {{ first_overdue }}
        or (
            workdays_pending > {{ first_overdue }}
            and (workdays_pending - {{ first_overdue }}) % {{ check_param(check, 'repeat_every_workdays') }} = 0
        )
),

fired as (
    select
        overdue.apply_id as object_id,
        overdue.accept_ts as event_ts,
        overdue.approve_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', overdue.entry_id,
            'apply_type', overdue.apply_type,
            'reason_code', overdue.reason_code,
            'apply_ts', overdue.apply_ts,
            'accept_ts', overdue.accept_ts,
            'workdays_pending', overdue.workdays_pending,
            'handling_section', coalesce(post_sections.section_unit_code, declarations.declare_customs_code)
        ) as evidence
    from overdue
    left join declarations on overdue.entry_id = declarations.entry_id
    left join post_sections on declarations.declare_customs_code = post_sections.customs_code
)

{{ emit_alerts('fired', check) }}
