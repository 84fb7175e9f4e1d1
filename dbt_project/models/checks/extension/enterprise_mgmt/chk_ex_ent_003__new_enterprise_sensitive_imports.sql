-- EX-ENT-003 新设企业高值敏感进口低查验: an enterprise registered within new_days (reg_date in (biz_date - new_days,
-- biz_date]) whose imports declared since then in the sensitive HS chapters reach min_value_cny while fewer than
-- min_rate of those entries were inspected. Read from int_roll_ext_enterprise_imports_daily. For the subordinate
-- customs' risk section: no officer. Object: the enterprise (raised once).
{%- set check = {
    'code': 'EX-ENT-003',
    'module': 'extension',
    'business_line': 'enterprise_mgmt',
    'category': 'procedure',
    'severity': 'yellow',
    'object_type': 'ENTERPRISE',
    'name_zh': '新设企业高值敏感进口低查验',
    'name_en': 'New enterprise with high-value sensitive imports and little inspection',
    'attribution': 'subordinate customs risk section',
    'params': {
        'new_days': 90,
        'sensitive_chapters': ['22', '24', '33', '71', '85', '87'],
        'min_value_cny': 5000000,
        'min_rate': 0.05,
    },
} %}
{{ config(meta={'check': check}) }}

{%- set chapter_list = "'" ~ check_param(check, 'sensitive_chapters') | join("', '") ~ "'" %}

with new_enterprises as (
    select
        enterprise_code,
        reg_date,
        registered_customs_code
    from {{ ref('stg_raw__enterprise') }}
    where {{ in_window('reg_date', check_param(check, 'new_days')) }}
),

imports as (
    select
        n.enterprise_code,
        n.reg_date,
        sum(r.entries) as entries,
        sum(r.inspected_entries) as inspected_entries,
        sum(r.value_cny) as value_cny,
        max(r.declare_date) as last_declare_date
    from new_enterprises as n
    inner join {{ ref('int_roll_ext_enterprise_imports_daily') }} as r
        on
            n.enterprise_code = r.trade_co
            and n.reg_date <= r.declare_date
            and r.declare_date <= {{ biz_date() }}
    where
        r.chapter in ({{ chapter_list }})
    group by 1, 2
),

fired as (
    select
        enterprise_code as object_id,
        {{ end_of_biz_date() }} as event_ts,
        null::text as officer_id,
        enterprise_code,
        jsonb_build_object(
            'reg_date', reg_date,
            'sensitive_value_cny', value_cny,
            'entries', entries,
            'inspected_entries', inspected_entries,
            'inspection_rate', round(inspected_entries::numeric / entries, 4),
            'min_value_cny', {{ check_param(check, 'min_value_cny') }},
            'min_rate', {{ check_param(check, 'min_rate') }}
        ) as evidence
    from imports
    where
        value_cny >= {{ check_param(check, 'min_value_cny') }}
        and inspected_entries::numeric / entries < {{ check_param(check, 'min_rate') }}
)

{{ emit_alerts('fired', check) }}
