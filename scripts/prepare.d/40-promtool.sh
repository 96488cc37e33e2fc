#!/usr/bin/env bash
# Installs Debian's prometheus package for its promtool: the deployment tests check docker/prometheus (alert rules and
# the scrape configuration) with `promtool check rules|config`. The package starts a system Prometheus on :9090; the
# tests need none, so it is stopped. Idempotent: does nothing when promtool is already there.
set -euo pipefail

if command -v promtool >/dev/null; then
  echo "promtool already installed ($(promtool --version 2>&1 | head -n 1))"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
(service prometheus stop || true) >/dev/null 2>&1
promtool --version 2>&1 | head -n 1
