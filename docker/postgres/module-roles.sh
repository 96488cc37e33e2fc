#!/usr/bin/env bash
# Runs once, when the database is created (/docker-entrypoint-initdb.d): one role per module (docs/security.md), each
# with its own password, owning only its own schema of the shared database; no role may create schemas, read another
# module's schema or connect without being granted the database. The processes connect as these roles, never as the
# administrator (POSTGRES_USER).
set -euo pipefail

as_admin() { psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"; }
as_admin -v database="$POSTGRES_DB" <<'SQL'
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL

module_role() { # role password schema
  as_admin -v role="$1" -v password="$2" -v schema="$3" -v database="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT CONNECT ON DATABASE :"database" TO :"role";
CREATE SCHEMA :"schema" AUTHORIZATION :"role";
SQL
}

module_role coordinator "$DB_PASSWORD_COORDINATOR" coordinator
module_role transactions "$DB_PASSWORD_TRANSACTIONS" transactions
module_role node_1 "$DB_PASSWORD_NODE_1" node_node_1
module_role node_2 "$DB_PASSWORD_NODE_2" node_node_2
module_role node_3 "$DB_PASSWORD_NODE_3" node_node_3
