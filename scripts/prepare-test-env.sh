#!/usr/bin/env bash
# Installs and starts what the test suite needs (each step idempotent): every scripts/prepare.d/*.sh in order.
set -euo pipefail
cd "$(dirname "$0")"
for step in prepare.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== $(basename "$step")"
  bash "$step"
done
