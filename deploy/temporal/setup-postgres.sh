#!/bin/sh
# Creates (first run) and upgrades (every run) Temporal's two databases in Postgres.
# Runs in the temporalio/admin-tools image; safe to run again on every `docker compose up`.
set -eu
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" "$@"; }
until nc -z -w 2 "$POSTGRES_SEEDS" "$DB_PORT"; do echo 'waiting for postgres'; sleep 1; done
for db in temporal temporal_visibility; do
  tool --db "$db" create 2>/dev/null || echo "database $db exists"
done
# setup-schema only creates the version table; it fails harmlessly when it is already there.
tool --db temporal setup-schema -v 0.0 2>/dev/null || true
tool --db temporal update-schema -d /etc/temporal/schema/postgresql/v12/temporal/versioned
tool --db temporal_visibility setup-schema -v 0.0 2>/dev/null || true
tool --db temporal_visibility update-schema -d /etc/temporal/schema/postgresql/v12/visibility/versioned
echo 'temporal schema ready'
