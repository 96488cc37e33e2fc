#!/usr/bin/env bash
# Engine benchmark against the peer, in one run: our engine (bench/MpcWallet.Bench) and Silence Labs' DKLs23 WASM build
# (../shared/peers/dkls-wasm/run.sh), same machine, same configurations, all parties sequential in one process.
# stdout: one JSON line per (op, t, n) measured by both, with ratio = ours / peer of the medians (< 1: we are faster);
# signing is measured twice: with all cores (the OT layer parallelises inside a party) and on one core (ours_cpus = 1).
# stderr: progress and the raw JSON lines of both sides. Usage: scripts/bench-engine.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
if [ "${1:-}" = "--quick" ]; then
  quick=(--quick)
  export KEYGEN_RUNS="${KEYGEN_RUNS:-2}" SIGN_RUNS="${SIGN_RUNS:-10}" SIGN_WARMUP="${SIGN_WARMUP:-3}"
fi

# DKLS_PEER overrides the location (a worktree outside /work/main has no ../shared).
peer=${DKLS_PEER:-../shared/peers/dkls-wasm/run.sh}
if [ ! -x "$peer" ]; then
  echo "peer benchmark not found at $peer" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "# building and running our engine benchmark" >&2
dotnet run -c Release --project bench/MpcWallet.Bench -- engine "${quick[@]}" --emit-signatures "$work/signatures.jsonl" > "$work/ours.jsonl"
echo "# our signing again on one core (DOTNET_PROCESSOR_COUNT=1), like the single-threaded peer" >&2
DOTNET_PROCESSOR_COUNT=1 dotnet run -c Release --no-build --project bench/MpcWallet.Bench -- engine "${quick[@]}" --ops sign > "$work/ours-1cpu.jsonl"
echo "# running the peer benchmark" >&2
CONFIGS="${CONFIGS:-2of3,3of5}" bash "$peer" > "$work/peer.jsonl"

# A third verifier for our signatures: @noble/curves from the peer's installation (verify with low-s, and recover the
# public key from v).
echo "# checking our signatures with @noble/curves" >&2
noble_ok=$(node --input-type=module - "$work/signatures.jsonl" "$(cd "$(dirname "$peer")" && pwd)" <<'JS'
import { readFileSync } from 'node:fs';
const { secp256k1 } = await import(`${process.argv[3]}/node_modules/@noble/curves/secp256k1.js`);
const hex = (s) => Uint8Array.from(Buffer.from(s.slice(2), 'hex'));
let ok = 0, bad = 0;
for (const line of readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)) {
  const x = JSON.parse(line);
  const sig = new Uint8Array([...hex(x.r), ...hex(x.s)]);
  const verified = secp256k1.verify(sig, hex(x.digest), hex(x.publicKey), { prehash: false, lowS: true });
  const recovered = secp256k1.Signature.fromBytes(sig, 'compact').addRecoveryBit(x.v).recoverPublicKey(hex(x.digest)).toBytes(true);
  if (verified && Buffer.from(recovered).equals(Buffer.from(hex(x.publicKey)))) ok++; else bad++;
}
console.error(`# @noble/curves: ${ok} of ${ok + bad} signatures verified and recovered`);
console.log(bad === 0 && ok > 0 ? 'true' : 'false');
JS
)

echo "# ours:" >&2
cat "$work/ours.jsonl" >&2
cat "$work/ours-1cpu.jsonl" >&2
echo "# peer:" >&2
cat "$work/peer.jsonl" >&2

node - "$work/ours.jsonl" "$work/peer.jsonl" "$work/ours-1cpu.jsonl" "$noble_ok" <<'JS'
const fs = require('node:fs');
const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
const ours = read(process.argv[2]);
const peer = read(process.argv[3]);
const single = read(process.argv[4]);
const nobleOk = process.argv[5] === 'true';
for (const o of [...ours, ...single]) {
  const p = peer.find((x) => x.op === o.op && x.t === o.t && x.n === o.n);
  if (!p) continue;
  const r = (x) => Math.round(x * 1000) / 1000;
  process.stdout.write(JSON.stringify({
    op: o.op, t: o.t, n: o.n, ours_cpus: o.cpus,
    ours_median_ms: o.median_ms, peer_median_ms: p.median_ms, ratio: r(o.median_ms / p.median_ms),
    ours_critical_path_ms: o.critical_path_median_ms, peer_critical_path_ms: p.critical_path_median_ms,
    critical_path_ratio: r(o.critical_path_median_ms / p.critical_path_median_ms),
    ours_bytes_per_party: o.bytes_per_party, peer_bytes_per_party: p.bytes_sent_per_party,
    verified: o.verified === true && p.verified === true && nobleOk,
  }) + '\n');
}
JS
[ "$noble_ok" = "true" ]
