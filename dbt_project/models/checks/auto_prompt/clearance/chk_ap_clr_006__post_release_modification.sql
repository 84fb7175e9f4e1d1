-- AP-CLR-006 放行后改单/删单: a modification or deletion of an already released entry approved on the business day
-- that deletes it or changes a duty-relevant field (quantity, price, total, HS code, origin, trade mode, levy kind,
-- duty mode), for a reason other than the benign ones (01 export shut-out/conveyance change, 05 direct return).
{%- set check = {
    'code': 'AP-CLR-006',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'MODIFY_APPLY',
    'name_zh': '放行后改单/删单',
    'name_en': 'Post-release modification or deletion approved',
    'attribution': 'officer = a.approve_officer_id',
    'params': {'benign_reasons': ['01', '05']},
} %}
{%- set duty_fields = [
    'g_qty', 'decl_price', 'decl_total', 'code_ts', 'origin_country', 'trade_mode', 'cut_mode', 'duty_mode', 'qty_1'
] %}
{%- set duty_field_list = "'" ~ duty_fields | join("', '") ~ "'" %}
{%- set benign_reason_list = "'" ~ check_param(check, 'benign_reasons') | join("', '") ~ "'" %}
{{ config(meta={'check': check}) }}

with applications as (
    select * from {{ ref('stg_raw__dec_modify_apply') }}
    where
        decision = 'APPROVED'
        and after_release
        and {{ local_date('decision_ts') }} = {{ biz_date() }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

breaches as (
    select *
    from applications
    where
        (
            apply_type = 'DELETE'
            or fields_changed && array[{{ duty_field_list }}]::text[]
        )
        and reason_code not in ({{ benign_reason_list }})
),

fired as (
    select
        breaches.apply_id as object_id,
        breaches.decision_ts as event_ts,
        breaches.approve_officer_id as officer_id,
        declarations.trade_co as enterprise_code,
        jsonb_build_object(
            'entry_id', breaches.entry_id,
            'apply_type', breaches.apply_type,
            'initiator', breaches.initiator,
            'reason_code', breaches.reason_code,
            'fields_changed', breaches.fields_changed,
            'apply_ts', breaches.apply_ts,
            'decision_ts', breaches.decision_ts
        ) as evidence
    from breaches
    left join declarations on breaches.entry_id = declarations.entry_id
)

{{ emit_alerts('fired', check) }}
