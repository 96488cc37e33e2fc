#!/usr/bin/env bash
# Runs a private PostgreSQL for the tests (Debian's initdb/pg_ctl) on 127.0.0.1:5433 with data under /tmp, as the
# postgres user, trust authentication on loopback only. Idempotent: does nothing when it already answers. Exports
# nothing: the tests use Host=127.0.0.1;Port=5433;Username=postgres (or MPCWALLET_TEST_POSTGRES_PORT).
set -euo pipefail

port="${MPCWALLET_TEST_POSTGRES_PORT:-5433}"
base=/tmp/mpcwallet-postgres
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  (service postgresql stop || true) >/dev/null 2>&1
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if as_postgres "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  echo "test PostgreSQL already running on 127.0.0.1:$port"
  exit 0
fi

mkdir -p "$base"
chown postgres:postgres "$base" 2>/dev/null || true
if [ ! -f "$base/data/PG_VERSION" ]; then
  as_postgres "$bin/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 >/dev/null
fi

as_postgres "$bin/pg_ctl" -D "$base/data" -l "$base/postgres.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $base -c fsync=off -c max_connections=200" start >/dev/null
echo "test PostgreSQL running on 127.0.0.1:$port"
