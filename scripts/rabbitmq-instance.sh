#!/usr/bin/env bash
# Starts or stops a PRIVATE RabbitMQ node (own node name, AMQP and distribution ports, data and logs under DIR), so a
# test can stop and restart its broker without disturbing the shared test broker (scripts/prepare.d/20-rabbitmq.sh).
#   rabbitmq-instance.sh start DIR PORT [PROMETHEUS_PORT]   start (or restart on the same data) and wait until it
#                                         answers; with PROMETHEUS_PORT, RabbitMQ's rabbitmq_prometheus exporter
#                                         listens there on loopback (the monitoring tests read its metric names)
#   rabbitmq-instance.sh stop DIR PORT    stop the node (the Erlang VM exits) and wait for it
# The node is named mpcwallet-private-PORT@localhost; guest/guest on 127.0.0.1:PORT; distribution on PORT+20000.
set -euo pipefail

action="$1"
base="$2"
port="$3"
export RABBITMQ_NODENAME="mpcwallet-private-$port@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$port"
export RABBITMQ_DIST_PORT=$((port + 20000))
export RABBITMQ_MNESIA_BASE="$base/mnesia"
export RABBITMQ_LOG_BASE="$base/log"
export RABBITMQ_PID_FILE="$base/rabbitmq.pid"
export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$base/rabbitmq"
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export ERL_EPMD_ADDRESS=127.0.0.1

case "$action" in
  start)
    mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
    printf 'loopback_users.guest = true\nlisteners.tcp.default = 127.0.0.1:%s\n' "$port" > "$base/rabbitmq.conf"
    if [ -n "${4:-}" ]; then
      echo "[rabbitmq_prometheus]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
      printf 'prometheus.tcp.ip = 127.0.0.1\nprometheus.tcp.port = %s\n' "$4" >> "$base/rabbitmq.conf"
    else
      echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
    fi
    chown -R rabbitmq:rabbitmq "$base" 2>/dev/null || true
    rabbitmq-server -detached
    rabbitmqctl -q -n "$RABBITMQ_NODENAME" wait --timeout 90 "$RABBITMQ_PID_FILE"
    ;;
  stop)
    # rabbitmqctl stop PIDFILE returns once the VM has exited, so the port is closed when this returns.
    rabbitmqctl -q -n "$RABBITMQ_NODENAME" stop "$RABBITMQ_PID_FILE"
    ;;
  *)
    echo "usage: $0 start|stop DIR PORT" >&2
    exit 2
    ;;
esac
