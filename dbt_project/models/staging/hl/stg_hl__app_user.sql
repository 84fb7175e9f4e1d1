-- hl.app_user, read as it stood when the night's dbt run started; roles (text[]) exposed as the jsonb array
-- role_codes, the password hash left out.
select
    user_name,
    officer_id,
    display_name,
    unit_code,
    active,
    to_jsonb(roles) as role_codes
from {{ source('hl', 'app_user') }}
