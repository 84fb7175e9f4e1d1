-- MA-ASM-004 累犯不予处罚或撤案: a case closed in the window (biz_date - period_days, biz_date] (local closing date)
-- with decision NO_PENALTY or WITHDRAWN, whose enterprise had at least min_prior other cases decided PENALTY or
-- CONFISCATE and closed after (its filing_ts - years years) and before its own closing. Charged to the lead
-- officer; the approver and the prior cases are in evidence.
{%- set check = {
    'code': 'MA-ASM-004',
    'module': 'monitor_analysis',
    'business_line': 'anti_smuggling',
    'category': 'procedure',
    'severity': 'orange',
    'object_type': 'SMUGGLING_CASE',
    'name_zh': '累犯不予处罚或撤案',
    'name_en': 'Repeat offender let off',
    'attribution': 'officer = lead_officer_id; approver',
    'params': {'period_days': 90, 'years': 2, 'min_prior': 2},
} %}
{{ config(meta={'check': check}) }}

with cases as (
    select * from {{ ref('stg_raw__smuggling_case') }}
),

let_off as (
    select * from cases
    where
        decision in ('NO_PENALTY', 'WITHDRAWN')
        and enterprise_code is not null
        and {{ in_window(local_date('closing_ts'), check_param(check, 'period_days')) }}
),

priors as (
    select
        let_off.case_id,
        count(*) as n_prior,
        jsonb_agg(earlier.case_id order by earlier.closing_ts) as prior_cases
    from let_off
    inner join cases as earlier
        on
            let_off.enterprise_code = earlier.enterprise_code
            and let_off.case_id != earlier.case_id
            and earlier.decision in ('PENALTY', 'CONFISCATE')
            and earlier.closing_ts > let_off.filing_ts - interval '1 year' * {{ check_param(check, 'years') }}
            and let_off.closing_ts > earlier.closing_ts
    group by let_off.case_id
),

fired as (
    select
        let_off.case_id as object_id,
        let_off.closing_ts as event_ts,
        let_off.lead_officer_id as officer_id,
        let_off.enterprise_code,
        jsonb_build_object(
            'decision', let_off.decision,
            'case_kind', let_off.case_kind,
            'filing_ts', let_off.filing_ts,
            'closing_ts', let_off.closing_ts,
            'n_prior', priors.n_prior,
            'min_prior', {{ check_param(check, 'min_prior') }},
            'prior_cases', priors.prior_cases,
            'years', {{ check_param(check, 'years') }},
            'approve_officer_id', let_off.approve_officer_id
        ) as evidence
    from let_off
    inner join priors on let_off.case_id = priors.case_id
    where priors.n_prior >= {{ check_param(check, 'min_prior') }}
)

{{ emit_alerts('fired', check) }}
