#!/usr/bin/env bash
# The whole test suite: installs what the tests need (idempotent), builds, runs every test project and ends with
# one summary line "N passed, N failed, N skipped" over all test assemblies.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -x scripts/prepare-test-env.sh ]; then
  bash scripts/prepare-test-env.sh || { echo "test environment setup failed"; exit 1; }
fi

log=$(mktemp)
# -m:1 runs the test projects one after another: on 2 cores the CPU-bound engine suite would otherwise starve the
# suites that wait on real servers (Anvil, RabbitMQ) within their deadlines.
dotnet test MpcWallet.sln -c Release --nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one line per assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
rm -f "$log"
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with status $status (build or infrastructure failure)"
fi
exit "$status"
