-- hl.user_watch, read as it stood when the night's dbt run started (before that night's issue/escalation step).
select * from {{ source('hl', 'user_watch') }}
