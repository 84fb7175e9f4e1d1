-- The check catalog derived from the models' declarations must be the specified one (seeds/catalog, from the
-- original system's function tables): every code present with its module, business line, category and severity,
-- no code that the specification does not know. Codes switched off by the dbt var `disabled_checks`
-- ({code: reason}) are allowed to be missing. Warn, not fail: a night's alerts are worth more than this guard;
-- tests/integration/test_check_catalog.py makes it a hard failure in the test suite.
{{ config(severity='warn', tags=['mart']) }}
{%- set disabled = var('disabled_checks', {}) %}

with specified as (
    select * from {{ ref('check_catalog_spec') }}
    {%- if disabled %}
    where check_code not in ({% for code in disabled %}'{{ code }}'{% if not loop.last %}, {% endif %}{% endfor %})
    {%- endif %}
),

declared as (
    select * from {{ ref('dim_risk_check') }}
)

select
    coalesce(specified.check_code, declared.check_code) as check_code,
    case
        when declared.check_code is null then 'missing'
        when specified.check_code is null then 'not in the specification'
        else 'declared differently'
    end as problem
from specified
full outer join declared on specified.check_code = declared.check_code
where
    declared.check_code is null
    or specified.check_code is null
    or specified.module <> declared.module
    or specified.business_line <> declared.business_line
    or specified.category <> declared.category
    or specified.default_severity <> declared.default_severity
