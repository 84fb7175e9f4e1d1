-- hl.app_user, read as it stood when the night's dbt run started (before that night's issue/escalation step).
select
    user_name,
    officer_id,
    display_name,
    unit_code,
    roles,
    active
from {{ source('hl', 'app_user') }}
