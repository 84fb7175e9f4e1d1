-- Consolidated-declaration lists (集中申报清单, dec_head.is_concentrated): each released list with its trade category
-- (BONDED when its trade mode is a bonded or special-zone mode in trade_mode_codes, else GENERAL) and the earliest
-- consolidated declaration (same trade_co, not itself a list) linked to it through related_entry_id either way.
with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

trade_modes as (
    select * from {{ ref('trade_mode_codes') }}
),

lists as (
    select
        declarations.entry_id,
        declarations.trade_co,
        declarations.declare_customs_code,
        declarations.trade_mode,
        declarations.related_entry_id,
        releases.release_ts,
        releases.release_date,
        date_trunc('month', releases.release_date)::date as release_month,
        case
            when trade_modes.analytic_category = 'BONDED_OR_SPECIAL_ZONE' then 'BONDED' else 'GENERAL'
        end as category
    from declarations
    inner join releases on declarations.entry_id = releases.entry_id
    left join trade_modes on declarations.trade_mode = trade_modes.code
    where declarations.is_concentrated
),

consolidations as (
    select * from declarations
    where not is_concentrated
),

linked as (
    select distinct on (lists.entry_id)
        lists.*,
        consolidations.entry_id as consolidated_entry_id,
        consolidations.declare_ts as consolidated_declare_ts
    from lists
    left join consolidations
        on
            lists.trade_co = consolidations.trade_co
            and (
                lists.related_entry_id = consolidations.entry_id
                or lists.entry_id = consolidations.related_entry_id
            )
    order by lists.entry_id asc, consolidations.declare_ts asc nulls last
)

select * from linked
