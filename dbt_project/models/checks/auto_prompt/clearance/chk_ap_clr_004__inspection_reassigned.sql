-- AP-CLR-004 查验任务改派: every reassignment of an inspection made on the business day. The evidence marks it for
-- orange (escalated_severity) when the operator gave it to himself, or the new inspector already took
-- >= :min_prior reassigned inspections of the same consignee (trade_co) in the :lookback_days before.
{%- set check = {
    'code': 'AP-CLR-004',
    'module': 'auto_prompt',
    'business_line': 'clearance',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'INSPECTION_REASSIGN',
    'name_zh': '查验任务改派',
    'name_en': 'Inspection reassigned to another officer',
    'attribution': 'officer = r.operated_by_officer_id',
    'params': {'min_prior': 2, 'lookback_days': 90},
} %}
{{ config(meta={'check': check}) }}

with reassignments as (
    select * from {{ ref('stg_raw__inspection_reassign') }}
),

inspections as (
    select * from {{ ref('stg_raw__inspection') }}
),

declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

todays as (
    select * from reassignments
    where {{ local_date('reassign_ts') }} = {{ biz_date() }}
),

inspection_enterprise as (
    select
        inspections.insp_id,
        inspections.entry_id,
        declarations.trade_co
    from inspections
    inner join declarations on inspections.entry_id = declarations.entry_id
),

earlier_for_same_enterprise as (
    select
        todays.insp_id,
        todays.seq,
        count(distinct earlier.insp_id) as n_prior
    from todays
    inner join inspection_enterprise as this_one on todays.insp_id = this_one.insp_id
    inner join reassignments as earlier
        on
            todays.to_officer_id = earlier.to_officer_id
            and todays.insp_id <> earlier.insp_id
            and todays.reassign_ts > earlier.reassign_ts
            and earlier.reassign_ts >= todays.reassign_ts - interval '1 day' * {{ check_param(check, 'lookback_days') }}
    inner join inspection_enterprise as prior_one
        on earlier.insp_id = prior_one.insp_id and this_one.trade_co = prior_one.trade_co
    group by todays.insp_id, todays.seq
),

assessed as (
    select
        todays.*,
        inspection_enterprise.entry_id,
        inspection_enterprise.trade_co,
        coalesce(earlier_for_same_enterprise.n_prior, 0) as n_prior,
        todays.operated_by_officer_id = todays.to_officer_id as self_assigned
    from todays
    left join inspection_enterprise on todays.insp_id = inspection_enterprise.insp_id
    left join earlier_for_same_enterprise
        on todays.insp_id = earlier_for_same_enterprise.insp_id and todays.seq = earlier_for_same_enterprise.seq
),

fired as (
    select
        reassign_ts as event_ts,
        operated_by_officer_id as officer_id,
        trade_co as enterprise_code,
        insp_id || '/' || seq as object_id,
        jsonb_build_object(
            'insp_id', insp_id,
            'seq', seq,
            'entry_id', entry_id,
            'from_officer_id', from_officer_id,
            'to_officer_id', to_officer_id,
            'reason', reason,
            'self_assigned', self_assigned,
            'prior_reassigned_same_enterprise', n_prior,
            'escalated_severity',
            case when self_assigned or n_prior >= {{ check_param(check, 'min_prior') }} then 'orange' else 'yellow' end
        ) as evidence
    from assessed
)

{{ emit_alerts('fired', check) }}
