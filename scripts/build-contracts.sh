#!/usr/bin/env bash
# Rebuilds the test contracts: tests/contracts/*.sol -> tests/contracts/build/<Contract>.json (ABI + bytecode).
# The artifacts are checked in, so tests never need the compiler; run this after changing a .sol and commit both.
# Installs the pinned Solidity compiler from npm (the solc package, a WebAssembly build) into ./.tools/solc unless
# SOLC_PREFIX names another directory.
set -euo pipefail
cd "$(dirname "$0")/.."

version="0.8.37"
prefix="${SOLC_PREFIX:-$PWD/.tools/solc}"
module="$prefix/node_modules/solc"

command -v node >/dev/null || { echo "node is required (the solc npm package runs on it)"; exit 1; }
if [ "$(node -p "try { require('$module/package.json').version } catch { '' }")" != "$version" ]; then
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "solc@$version"
fi

node scripts/build-contracts.mjs "$module" "$PWD"
