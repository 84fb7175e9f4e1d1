-- pt_bom 单耗:
-- the latest version of each key, deletions dropped, delivered on or before the business day.
-- Generated from the extract contract by `customs-risk contract sync`; do not edit.
with delivered as (
    {{ current_state('raw', 'pt_bom', ['manual_no', 'exg_seq', 'img_seq', 'version'], 'last_update_ts') }}
)

select * from delivered
