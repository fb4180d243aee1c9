create role synthetic_monitor with login password 'choose-a-long-random-password' bypassrls;
grant pg_monitor to synthetic_monitor;
grant usage on schema public, extensions to synthetic_monitor;
grant select on all tables in schema public to synthetic_monitor;
alter default privileges in schema public grant select on tables to synthetic_monitor;
alter role synthetic_monitor set default_transaction_read_only = on;
