#!/usr/bin/env bash
# Run once by the postgres image's entrypoint (from /docker-entrypoint-initdb.d/) when the
# data volume is first initialised. Creates the app's runtime role; it gets no rights here:
# the app grants portal_app its table privileges itself after migrating as portal_owner.
#
# Because it runs only on a fresh volume, changing PORTAL_APP_PASSWORD later needs
#   ALTER ROLE portal_app PASSWORD '...';
set -euo pipefail

: "${PORTAL_APP_PASSWORD:?PORTAL_APP_PASSWORD must be set for the db service}"

# The password goes in as a psql variable and is quoted by format(%L), so any characters
# are safe; it never appears in the SQL text or the logs.
psql -v ON_ERROR_STOP=1 -X --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$PORTAL_APP_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE portal_app LOGIN PASSWORD %L', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_app')\gexec
SQL
