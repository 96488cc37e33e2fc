#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver (the matching chromedriver): the operator console is tested in a real
# headless browser driven with Selenium (tests/MpcWallet.ConsoleTests). Nothing is downloaded by the tests themselves.
# Idempotent: does nothing when both are already there.
set -euo pipefail

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "chromium and chromedriver already installed ($(chromium --version 2>/dev/null | head -n 1))"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
chromium --version 2>/dev/null | head -n 1
chromedriver --version | head -n 1
