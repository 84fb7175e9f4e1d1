-- AP-HR-004 查验异常结果被改正常或异常未处理即放行: an inspection whose ABNORMAL/SEIZURE result was edited to
-- NORMAL/MINOR on the business day, or whose ABNORMAL/SEIZURE result stood with handling NONE when the entry was
-- released on the business day and the entry had no modify/delete application (not rejected) and no smuggling
-- clue (source_ref = the inspection or the entry).
{%- set check = {
    'code': 'AP-HR-004',
    'module': 'auto_prompt',
    'business_line': 'high_risk_enforcement',
    'category': 'procedure',
    'severity': 'red',
    'object_type': 'INSPECTION',
    'name_zh': '查验异常结果被改正常或异常未处理即放行',
    'name_en': 'Abnormal inspection result edited away or released unhandled',
    'attribution': 'officer = editor from ops_audit_log(action=INSPECTION_RESULT_EDIT), else RELEASE officer',
    'params': {},
} %}
{{ config(meta={'check': check}) }}

with inspections as (
    select * from {{ ref('stg_raw__inspection') }}
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

modify_applications as (
    select * from {{ ref('int_ops_modify_applications') }}
    where decision <> 'REJECTED'
),

clues as (
    select * from {{ ref('stg_raw__smuggling_clue') }}
),

edits as (
    select * from {{ ref('stg_raw__ops_audit_log') }}
    where action = 'INSPECTION_RESULT_EDIT'
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

edited_away as (
    select
        insp_id,
        'RESULT_EDITED_TO_NORMAL' as breach,
        result_modified_ts as event_ts
    from inspections
    where
        {{ local_date('result_modified_ts') }} = {{ biz_date() }}
        and result_before_modify in ('ABNORMAL', 'SEIZURE')
        and result in ('NORMAL', 'MINOR')
),

released_unhandled as (
    select
        inspections.insp_id,
        'RELEASED_UNHANDLED' as breach,
        releases.release_ts as event_ts
    from inspections
    inner join releases on inspections.entry_id = releases.entry_id
    where
        releases.release_date = {{ biz_date() }}
        and inspections.result in ('ABNORMAL', 'SEIZURE')
        and inspections.handling = 'NONE'
        and not exists (
            select 1 from modify_applications
            where modify_applications.entry_id = inspections.entry_id
        )
        and not exists (
            select 1 from clues
            where clues.source_ref in (inspections.insp_id, inspections.entry_id)
        )
),

breaches as (
    select distinct on (insp_id) *
    from (
        select * from edited_away
        union all
        select * from released_unhandled
    ) as found
    order by insp_id asc, breach = 'RESULT_EDITED_TO_NORMAL' desc
),

attributed as (
    select
        breaches.*,
        inspections.entry_id,
        inspections.lead_officer_id,
        inspections.result,
        inspections.result_before_modify,
        inspections.result_modified_ts,
        inspections.handling,
        releases.release_ts,
        releases.release_officer_id,
        editor.officer_id as editor_officer_id,
        editor.log_id as edit_log_id
    from breaches
    inner join inspections on breaches.insp_id = inspections.insp_id
    left join releases on inspections.entry_id = releases.entry_id
    left join lateral (
        select
            edits.officer_id,
            edits.log_id
        from edits
        where
            breaches.breach = 'RESULT_EDITED_TO_NORMAL'
            and edits.object_id = breaches.insp_id
            and {{ local_date('edits.event_ts') }} = {{ local_date('inspections.result_modified_ts') }}
        order by abs(extract(epoch from (edits.event_ts - inspections.result_modified_ts))) asc, edits.log_id desc
        limit 1
    ) as editor on true
),

fired as (
    select
        attributed.insp_id as object_id,
        attributed.event_ts,
        declarations.trade_co as enterprise_code,
        coalesce(
            attributed.editor_officer_id, attributed.release_officer_id, attributed.lead_officer_id
        ) as officer_id,
        jsonb_build_object(
            'breach', attributed.breach,
            'entry_id', attributed.entry_id,
            'result', attributed.result,
            'result_before_modify', attributed.result_before_modify,
            'result_modified_ts', attributed.result_modified_ts,
            'handling', attributed.handling,
            'edit_log_id', attributed.edit_log_id,
            'editor_officer_id', attributed.editor_officer_id,
            'release_ts', attributed.release_ts,
            'release_officer_id', attributed.release_officer_id,
            'lead_officer_id', attributed.lead_officer_id
        ) as evidence
    from attributed
    left join declarations on attributed.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
