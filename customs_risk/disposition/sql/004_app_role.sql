-- 004 the application's database role: reads what it shows, appends to the log and the audit, nothing else.
-- No UPDATE, DELETE or TRUNCATE anywhere in hl; the append-only triggers (001, 002) also stop the owner.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'hl_app') then
        create role hl_app login;
    end if;
end
$$;

revoke all on schema hl from public;
grant usage on schema hl to hl_app;

grant select on hl.org_unit, hl.officer, hl.work_calendar, hl.app_user, hl.alert_state to hl_app;
grant select, insert on hl.alert, hl.alert_action, hl.request_audit to hl_app;
grant execute on function hl.unit_subtree(text) to hl_app;
