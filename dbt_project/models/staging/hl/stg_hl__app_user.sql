-- hl.app_user, read as it stood when the night's dbt run started; roles (text[]) exposed as a jsonb array, the
-- password hash left out.
select
    user_name,
    officer_id,
    display_name,
    unit_code,
    to_jsonb(roles) as roles,
    active
from {{ source('hl', 'app_user') }}
