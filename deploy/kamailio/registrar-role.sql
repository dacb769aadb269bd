-- A PostgreSQL login role for Kamailio that can read Switchboard's sip_subscribers view and
-- nothing else (docs/kamailio.md). Run as the database's owner or a superuser, in Switchboard's
-- database, after Switchboard has created its tables; replace the password first:
--   psql -d switchboard -f deploy/kamailio/registrar-role.sql
-- Kamailio then uses DBURL="postgres://switchboard_registrar:<password>@<host>:5432/switchboard".
CREATE ROLE switchboard_registrar LOGIN PASSWORD 'change-me' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
-- Nothing by default, then only the view (it reads the tables with its owner's rights).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM switchboard_registrar;
GRANT USAGE ON SCHEMA public TO switchboard_registrar;
GRANT SELECT ON sip_subscribers TO switchboard_registrar;
-- Only this database (PUBLIC may connect to every database by default; revoke that where other
-- databases live on the same server: REVOKE CONNECT ON DATABASE other FROM PUBLIC).
GRANT CONNECT ON DATABASE switchboard TO switchboard_registrar;
