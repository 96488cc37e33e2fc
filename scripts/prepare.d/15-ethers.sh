#!/usr/bin/env bash
# Installs ethers 6 from npm into ./.tools/ethers: the JSON-RPC signer endpoint is tested with it as an independent
# client (tests/MpcWallet.Transactions.Tests/Rpc). Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

version="6.17.0"
prefix="$PWD/.tools/ethers"
stamp="$prefix/ethers-$version.installed"

if [ -f "$stamp" ] && [ -f "$prefix/node_modules/ethers/package.json" ]; then
  echo "ethers $version already in $prefix"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is required to install ethers"; exit 1; }

mkdir -p "$prefix"
npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "ethers@$version"
node -e "console.log('ethers', require('$prefix/node_modules/ethers').version)"
touch "$stamp"
