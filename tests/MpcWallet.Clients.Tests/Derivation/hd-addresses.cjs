// Derives child addresses from a wallet's xpub with ethers 6 (an implementation nobody here wrote), for
// DerivedAddressTests. ETHERS_MODULE: the installed ethers package; XPUB: the wallet's extended public key; PATHS: a
// JSON array of non-hardened paths ("m/0/7"). Prints {"<path>": {"address": …, "publicKey": …}} as one JSON line.
const { ethers } = require(process.env.ETHERS_MODULE);

const root = ethers.HDNodeWallet.fromExtendedKey(process.env.XPUB);
if (root.depth !== 0) throw new Error(`expected a root key (depth 0), got depth ${root.depth}`);
const seen = {};
for (const path of JSON.parse(process.env.PATHS)) {
  // A neutered node derives relative paths ("0/7") from itself; "m" is the root itself.
  const child = path === 'm' ? root : root.derivePath(path.slice(2));
  seen[path] = { address: child.address, publicKey: child.publicKey };
}
console.log(JSON.stringify(seen));
