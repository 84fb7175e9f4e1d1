-- One server, three databases: Airflow's metadata, Superset's metadata, the warehouse.
-- Passwords are set by the operator after first start (ALTER ROLE ... PASSWORD); none are kept in git.
create role airflow login;
create database airflow owner airflow;
create role warehouse login;
create database warehouse owner warehouse;
create role superset_reader login;  -- read-only on the marts: granted after the first dbt run
