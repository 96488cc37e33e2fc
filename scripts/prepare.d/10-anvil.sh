#!/usr/bin/env bash
# Installs Foundry's anvil (a local Ethereum node) and cast (an independent checker) from npm into ./.tools.
# Idempotent: does nothing when the pinned version is already there. The Ethereum tests start anvil themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."

version="1.7.1"
tools="$PWD/.tools"
bin="$tools/bin"
stamp="$tools/foundry-$version.installed"

if [ -f "$stamp" ] && [ -x "$bin/anvil" ] && [ -x "$bin/cast" ]; then
  echo "anvil/cast $version already in $bin"
  exit 0
fi

command -v npm >/dev/null || { echo "npm is required to install anvil (npm install -g is not used)"; exit 1; }

mkdir -p "$tools/npm" "$bin"
npm install --prefix "$tools/npm" --no-save --no-audit --no-fund --loglevel=error \
  "@foundry-rs/anvil-linux-amd64@$version" "@foundry-rs/cast-linux-amd64@$version"

for tool in anvil cast; do
  found="$(find "$tools/npm/node_modules/@foundry-rs/$tool-linux-amd64" -type f -name "$tool" | head -n 1)"
  [ -n "$found" ] || { echo "the npm package @foundry-rs/$tool-linux-amd64 has no '$tool' binary"; exit 1; }
  chmod +x "$found"
  ln -sfr "$found" "$bin/$tool"
done

"$bin/anvil" --version
"$bin/cast" --version
touch "$stamp"
