#!/usr/bin/env bash
# Installs RabbitMQ (Debian package) and runs a private broker for the tests on 127.0.0.1:5673 (AMQP, cleartext, for
# the in-process tests) and 127.0.0.1:5674 (AMQPS: TLS 1.2/1.3 with the server certificate the test CA of
# 17-test-ca.sh issued, for the split-deployment tests), with its own node name, distribution port and data under /tmp,
# so it never clashes with a system broker. Idempotent: does nothing when that broker already answers on both listeners
# with the current certificate (a broker started before the TLS listener existed is restarted once). Exports nothing:
# the tests use 127.0.0.1:5673 (or MPCWALLET_TEST_RABBITMQ_PORT) with guest/guest, and 127.0.0.1:5674 (or
# MPCWALLET_TEST_RABBITMQ_TLS_PORT) with per-process users.
set -euo pipefail

port="${MPCWALLET_TEST_RABBITMQ_PORT:-5673}"
tls_port="${MPCWALLET_TEST_RABBITMQ_TLS_PORT:-5674}"
ca="${MPCWALLET_TEST_CA_DIR:-/tmp/mpcwallet-test-ca}"
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

[ -f "$ca/rabbitmq.crt" ] || { echo "the test CA is missing: run scripts/prepare.d/17-test-ca.sh first"; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
current() { cmp -s "$ca/rabbitmq.crt" "$base/tls/server.crt" && cmp -s "$ca/ca.crt" "$base/tls/ca.crt"; }

if rabbitmqctl -q -n "$RABBITMQ_NODENAME" status >/dev/null 2>&1; then
  if listening "$tls_port" && current; then
    echo "test RabbitMQ already running on 127.0.0.1:$port (amqp) and 127.0.0.1:$tls_port (amqps)"
    exit 0
  fi

  echo "test RabbitMQ runs without the current TLS listener: restarting it once"
  rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop "$RABBITMQ_PID_FILE"
fi

mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE" "$base/tls"
cp "$ca/ca.crt" "$base/tls/ca.crt"
cp "$ca/rabbitmq.crt" "$base/tls/server.crt"
cp "$ca/rabbitmq.key" "$base/tls/server.key"
chmod 600 "$base/tls/server.key"
echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
cat > "$base/rabbitmq.conf" <<EOF
loopback_users.guest = true
listeners.tcp.default = 127.0.0.1:$port
listeners.ssl.default = 127.0.0.1:$tls_port
ssl_options.cacertfile = $base/tls/ca.crt
ssl_options.certfile = $base/tls/server.crt
ssl_options.keyfile = $base/tls/server.key
ssl_options.versions.1 = tlsv1.3
ssl_options.versions.2 = tlsv1.2
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
EOF
chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
rabbitmq-server -detached
rabbitmqctl -q -n "$RABBITMQ_NODENAME" wait --timeout 60 "$RABBITMQ_PID_FILE"
for _ in $(seq 1 30); do listening "$tls_port" && break; sleep 1; done
listening "$tls_port" || { echo "the broker does not listen on 127.0.0.1:$tls_port (amqps): see $base/log"; exit 1; }
echo "test RabbitMQ running on 127.0.0.1:$port (amqp) and 127.0.0.1:$tls_port (amqps)"
