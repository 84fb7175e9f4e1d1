-- EX-MNF-002 舱单变更频繁: per manifest transmitter (carrier/agent) over the window (biz_date - period_days,
-- biz_date]: the bills it created (main_data_ts, local date, in the window) and the changes of its bills approved in
-- the window; fires when bills >= min_n and changes / bills > max_rate. Charged to the approving officer with the
-- largest share of those changes (ties: lowest id; NULL when all were automatic); every approver's share is in
-- evidence, with the manifest section.
{%- set check = {
    'code': 'EX-MNF-002',
    'module': 'extension',
    'business_line': 'manifest_transit',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'TRANSMITTER',
    'name_zh': '舱单变更频繁',
    'name_en': 'Frequent manifest amendments by a carrier/agent',
    'attribution': 'manifest section; approving officers',
    'params': {'period_days': 30, 'max_rate': 0.1, 'min_n': 100},
} %}
{{ config(meta={'check': check}) }}

with manifests as (
    select
        manifest_id,
        transmitter_code,
        customs_code
    from {{ ref('stg_raw__manifest') }}
),

bills as (
    select
        manifests.transmitter_code,
        count(*) as n_bills,
        min(manifests.customs_code) as customs_code
    from {{ ref('stg_raw__manifest_bill') }} as bills
    inner join manifests on bills.manifest_id = manifests.manifest_id
    where {{ in_window(local_date('bills.main_data_ts'), check_param(check, 'period_days')) }}
    group by manifests.transmitter_code
),

changes as (
    select
        manifests.transmitter_code,
        changes.change_id,
        changes.approve_officer_id,
        changes.approve_ts
    from {{ ref('stg_raw__manifest_change') }} as changes
    inner join manifests on changes.manifest_id = manifests.manifest_id
    where {{ in_window(local_date('changes.approve_ts'), check_param(check, 'period_days')) }}
),

per_approver as (
    select
        transmitter_code,
        approve_officer_id,
        count(*) as n_changes,
        max(approve_ts) as last_approve_ts
    from changes
    group by transmitter_code, approve_officer_id
),

rated as (
    select
        bills.transmitter_code,
        bills.customs_code,
        bills.n_bills,
        sum(per_approver.n_changes) as n_changes,
        max(per_approver.last_approve_ts) as last_approve_ts,
        jsonb_object_agg(
            coalesce(per_approver.approve_officer_id, 'AUTO'), per_approver.n_changes
        ) as changes_by_approver
    from bills
    inner join per_approver on bills.transmitter_code = per_approver.transmitter_code
    group by bills.transmitter_code, bills.customs_code, bills.n_bills
),

top_approver as (
    select distinct on (transmitter_code)
        transmitter_code,
        approve_officer_id
    from per_approver
    where approve_officer_id is not null
    order by transmitter_code asc, n_changes desc, approve_officer_id asc
),

post_sections as (
    select * from {{ ref('int_clr_post_sections') }}
    where post_code = 'MANIFEST'
),

fired as (
    select
        rated.transmitter_code as object_id,
        rated.last_approve_ts as event_ts,
        top_approver.approve_officer_id as officer_id,
        rated.transmitter_code as enterprise_code,
        jsonb_build_object(
            'window_from', {{ biz_date() }} - {{ check_param(check, 'period_days') }} + 1,
            'window_to', {{ biz_date() }},
            'n_bills', rated.n_bills,
            'n_changes', rated.n_changes,
            'change_rate', round(rated.n_changes::numeric / rated.n_bills, 4),
            'max_rate', {{ check_param(check, 'max_rate') }},
            'min_n', {{ check_param(check, 'min_n') }},
            'changes_by_approver', rated.changes_by_approver,
            'manifest_section', coalesce(post_sections.section_unit_code, rated.customs_code)
        ) as evidence
    from rated
    left join top_approver on rated.transmitter_code = top_approver.transmitter_code
    left join post_sections on rated.customs_code = post_sections.customs_code
    where
        rated.n_bills >= {{ check_param(check, 'min_n') }}
        and rated.n_changes::numeric / rated.n_bills > {{ check_param(check, 'max_rate') }}
)

{{ emit_alerts('fired', check) }}
