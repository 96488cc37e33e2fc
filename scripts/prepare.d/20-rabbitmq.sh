#!/usr/bin/env bash
# Installs RabbitMQ (Debian package) and runs a private broker for the tests on 127.0.0.1:5673 (AMQP), with its own
# node name, distribution port and data under /tmp, so it never clashes with a system broker. Idempotent: does
# nothing when that broker already answers. Exports nothing: the tests use 127.0.0.1:5673 (or
# MPCWALLET_TEST_RABBITMQ_PORT) with guest/guest.
set -euo pipefail

port="${MPCWALLET_TEST_RABBITMQ_PORT:-5673}"
base=/tmp/mpcwallet-rabbitmq
export RABBITMQ_NODENAME="mpcwallet-test@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$port"
export RABBITMQ_DIST_PORT=$((port + 20000))
export RABBITMQ_MNESIA_BASE="$base/mnesia"
export RABBITMQ_LOG_BASE="$base/log"
export RABBITMQ_PID_FILE="$base/rabbitmq.pid"
export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$base/rabbitmq"
# Loopback only, also for Erlang distribution and epmd.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1

if ! command -v rabbitmq-server >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq rabbitmq-server >/dev/null
  # The package starts a system broker on the default ports; the tests use their own, so stop that one.
  (service rabbitmq-server stop || true) >/dev/null 2>&1
fi

if rabbitmqctl -q -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
  echo "test RabbitMQ already running on 127.0.0.1:$port"
  exit 0
fi

mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
printf 'loopback_users.guest = true\nlisteners.tcp.default = 127.0.0.1:%s\n' "$port" > "$base/rabbitmq.conf"
chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
rabbitmq-server -detached
rabbitmqctl -q -n "$RABBITMQ_NODENAME" wait --timeout 60 "$RABBITMQ_PID_FILE"
echo "test RabbitMQ running on 127.0.0.1:$port"
