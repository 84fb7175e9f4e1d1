-- Processing-trade declarations: every entry with a PT trade mode (analytic_category PT_…) or filed under a manual
-- (a record number that is not a Z… exemption certificate), with its trade-mode group, release, reviewing officers
-- and USD value. Released = a RELEASE step, or dec_status RELEASED/CLOSED: the workflow of an entry declared before
-- the warehouse's first day is not in it, while its state row is re-delivered when a later check needs it.
with declarations as (
    select * from {{ ref('stg_raw__dec_head') }}
),

items as (
    select * from {{ ref('stg_raw__dec_item') }}
),

trade_mode_codes as (
    select * from {{ ref('trade_mode_codes') }}
),

releases as (
    select * from {{ ref('int_entry_release') }}
),

steps as (
    select * from {{ ref('int_entry_steps') }}
),

item_values as (
    select
        entry_id,
        sum(usd_value) as usd_value
    from items
    group by entry_id
),

pt_declarations as (
    select
        declarations.*,
        trade_mode_codes.analytic_category
    from declarations
    left join trade_mode_codes on declarations.trade_mode = trade_mode_codes.code
    where
        trade_mode_codes.analytic_category like 'PT\_%'
        or (declarations.manual_no is not null and declarations.manual_no not like 'Z%')
),

with_steps as (
    select
        pt_declarations.entry_id,
        pt_declarations.ie_flag,
        pt_declarations.trade_mode,
        pt_declarations.cut_mode,
        pt_declarations.analytic_category,
        pt_declarations.manual_no,
        pt_declarations.related_manual_no,
        pt_declarations.related_entry_id,
        pt_declarations.trade_co,
        pt_declarations.declare_customs_code,
        pt_declarations.declare_ts,
        pt_declarations.dec_status,
        releases.release_ts,
        releases.release_date,
        releases.release_officer_id,
        manual_review.officer_id as manual_review_officer_id,
        manual_review.end_ts as manual_review_end_ts,
        accept.officer_id as accept_officer_id,
        tax.officer_id as tax_officer_id,
        coalesce(item_values.usd_value, 0) as usd_value,
        pt_declarations.ie_flag = 'I' and pt_declarations.trade_mode in {{ trade_modes('pt_import') }} as is_pt_import,
        pt_declarations.ie_flag = 'E' and pt_declarations.trade_mode in {{ trade_modes('pt_export') }} as is_pt_export,
        releases.release_ts is not null or pt_declarations.dec_status in ('RELEASED', 'CLOSED') as is_released
    from pt_declarations
    left join releases on pt_declarations.entry_id = releases.entry_id
    left join steps as manual_review
        on pt_declarations.entry_id = manual_review.entry_id and manual_review.step_code = 'MANUAL_REVIEW'
    left join steps as accept
        on pt_declarations.entry_id = accept.entry_id and accept.step_code = 'ACCEPT'
    left join steps as tax
        on pt_declarations.entry_id = tax.entry_id and tax.step_code = 'TAX'
    left join item_values on pt_declarations.entry_id = item_values.entry_id
),

resolved as (
    select
        *,
        -- the officer who reviewed the entry: the specialist reviewer, else the releasing, else the accepting officer
        coalesce(manual_review_officer_id, release_officer_id, accept_officer_id) as reviewer_officer_id,
        -- the order entries take effect in a manual: release time, else (history without workflow) declaration time
        coalesce(release_ts, declare_ts) as order_ts
    from with_steps
)

select * from resolved
