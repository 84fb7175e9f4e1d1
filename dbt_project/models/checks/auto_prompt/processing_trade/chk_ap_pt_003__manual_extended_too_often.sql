-- AP-PT-003 手册多次或长期延期: an extension approved on the business day that makes the manual's approved extensions
-- more than the maximum, or moves its validity more than the maximum number of days past the first approved date.
{%- set check = {
    'code': 'AP-PT-003',
    'module': 'auto_prompt',
    'business_line': 'processing_trade',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'PT_MANUAL_CHANGE',
    'name_zh': '手册多次或长期延期',
    'name_en': 'Manual extended repeatedly or for too long',
    'attribution': 'officer = c.approve_officer_id',
    'params': {'max_extensions': 2, 'max_total_ext_days': 365},
} %}
{{ config(meta={'check': check}) }}

with extensions as (
    select distinct on (change_id)
        *,
        case when old_value ~ '^\d{4}-\d{2}-\d{2}$' then old_value::date end as old_valid_until,
        case when new_value ~ '^\d{4}-\d{2}-\d{2}$' then new_value::date end as new_valid_until
    from {{ ref('stg_raw__pt_manual_change') }}
    where change_type = 'EXTEND' and approve_ts is not null
    order by change_id asc, _biz_date desc
),

manuals as (
    select * from {{ ref('stg_raw__pt_manual') }}
),

approved_today as (
    select * from extensions
    where {{ local_date('approve_ts') }} = {{ biz_date() }}
),

-- the validity first approved = the date the earliest approved extension started from
history as (
    select
        approved_today.change_id,
        count(distinct earlier.change_id) as n_extensions,
        (array_agg(earlier.old_valid_until order by earlier.approve_ts, earlier.change_id))[1] as first_valid_until
    from approved_today
    inner join extensions as earlier
        on approved_today.manual_no = earlier.manual_no and approved_today.approve_ts >= earlier.approve_ts
    group by approved_today.change_id
),

breaches as (
    select
        approved_today.*,
        history.n_extensions,
        history.first_valid_until,
        approved_today.new_valid_until - history.first_valid_until as total_ext_days
    from approved_today
    inner join history on approved_today.change_id = history.change_id
    where
        history.n_extensions > {{ check_param(check, 'max_extensions') }}
        or approved_today.new_valid_until - history.first_valid_until > {{ check_param(check, 'max_total_ext_days') }}
),

fired as (
    select
        breaches.change_id::text as object_id,
        breaches.approve_ts as event_ts,
        breaches.approve_officer_id as officer_id,
        manuals.trade_co as enterprise_code,
        jsonb_build_object(
            'manual_no', breaches.manual_no,
            'n_extensions', breaches.n_extensions,
            'first_valid_until', breaches.first_valid_until,
            'old_valid_until', breaches.old_valid_until,
            'new_valid_until', breaches.new_valid_until,
            'total_ext_days', breaches.total_ext_days
        ) as evidence
    from breaches
    left join manuals on breaches.manual_no = manuals.manual_no
)

{{ emit_alerts('fired', check) }}
