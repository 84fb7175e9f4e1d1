-- hl.check_param, read as it stood when the night's dbt run started (before that night's issue/escalation step).
select * from {{ source('hl', 'check_param') }}
