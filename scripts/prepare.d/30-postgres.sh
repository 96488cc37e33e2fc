#!/usr/bin/env bash
# Runs a private PostgreSQL for the tests (Debian's initdb/pg_ctl) on 127.0.0.1:5433 with data under /tmp, as the
# postgres user, trust authentication on loopback only, and TLS with the server certificate the test CA of
# 17-test-ca.sh issued. Members of the role mpcwallet_module (the split-deployment tests' per-module roles) may log in
# only over TLS with their password (hostssl, scram-sha-256; cleartext is rejected). Idempotent: does nothing when it
# already answers with that configuration; a running server missing it is reconfigured with a reload, not a restart.
# Exports nothing: the tests use Host=127.0.0.1;Port=5433;Username=postgres (or MPCWALLET_TEST_POSTGRES_PORT).
set -euo pipefail

port="${MPCWALLET_TEST_POSTGRES_PORT:-5433}"
base=/tmp/mpcwallet-postgres
ca="${MPCWALLET_TEST_CA_DIR:-/tmp/mpcwallet-test-ca}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  (service postgresql stop || true) >/dev/null 2>&1
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

[ -f "$ca/postgres.crt" ] || { echo "the test CA is missing: run scripts/prepare.d/17-test-ca.sh first"; exit 1; }

if ! as_postgres "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  mkdir -p "$base"
  chown postgres:postgres "$base" 2>/dev/null || true
  if [ ! -f "$base/data/PG_VERSION" ]; then
    as_postgres "$bin/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 >/dev/null
  fi

  as_postgres "$bin/pg_ctl" -D "$base/data" -l "$base/postgres.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $base -c fsync=off -c max_connections=200" start >/dev/null
  echo "test PostgreSQL running on 127.0.0.1:$port"
fi

psql_admin() { as_postgres "$bin/psql" -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
hba="$base/data/pg_hba.conf"
marker="# mpcwallet: per-module roles over TLS only"
current() { cmp -s "$ca/postgres.crt" "$base/tls/server.crt" && [ "$(psql_admin -c 'SHOW ssl')" = on ] && grep -qF "$marker" "$hba"; }

if current; then
  echo "test PostgreSQL already running on 127.0.0.1:$port with TLS"
  exit 0
fi

mkdir -p "$base/tls"
cp "$ca/postgres.crt" "$base/tls/server.crt"
cp "$ca/postgres.key" "$base/tls/server.key"
chown -R postgres:postgres "$base/tls" 2>/dev/null || true
chmod 600 "$base/tls/server.key"
if ! grep -qF "$marker" "$hba"; then
  # First match wins: these go before initdb's trust lines.
  { echo "$marker"
    echo "hostnossl all +mpcwallet_module all reject"
    echo "hostssl   all +mpcwallet_module 127.0.0.1/32 scram-sha-256"
    cat "$hba"; } > "$hba.new"
  chown postgres:postgres "$hba.new" 2>/dev/null || true
  mv "$hba.new" "$hba"
fi

psql_admin >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mpcwallet_module') THEN CREATE ROLE mpcwallet_module NOLOGIN; END IF;
END \$\$;
ALTER SYSTEM SET ssl = on;
ALTER SYSTEM SET ssl_cert_file = '$base/tls/server.crt';
ALTER SYSTEM SET ssl_key_file = '$base/tls/server.key';
ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1.2';
SELECT pg_reload_conf();
SQL
sleep 1
[ "$(psql_admin -c 'SHOW ssl')" = on ] || { echo "PostgreSQL did not turn TLS on: see $base/postgres.log"; exit 1; }
echo "test PostgreSQL on 127.0.0.1:$port serves TLS (CA $ca/ca.crt)"
