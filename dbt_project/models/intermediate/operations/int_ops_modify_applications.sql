-- Modify/delete applications (改单/删单) with fields_changed as a comma-separated list rather than an array, so
-- the checks that read them can be unit-tested (dbt cannot mock a PostgreSQL array column from a dict fixture).
with applications as (
    select * from {{ ref('stg_raw__dec_modify_apply') }}
),

flattened as (
    select
        apply_id,
        entry_id,
        apply_type,
        initiator,
        reason_code,
        apply_ts,
        accept_ts,
        approve_officer_id,
        decision,
        decision_ts,
        after_release,
        array_to_string(fields_changed, ',') as fields_changed_list
    from applications
)

select * from flattened
