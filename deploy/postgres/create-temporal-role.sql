-- Runs once, when the Postgres volume is first initialised: Temporal gets its own role; the
-- temporal-schema job creates its databases.
CREATE ROLE temporal WITH LOGIN CREATEDB PASSWORD 'temporal';
