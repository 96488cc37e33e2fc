// Compiles every tests/contracts/*.sol with the solc npm package (the pinned version scripts/build-contracts.sh
// installs) and writes tests/contracts/build/<Contract>.json: compiler, settings, the source's SHA-256 (the tests
// check it against the .sol, so a source edited without rebuilding fails), ABI, creation and runtime bytecode.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";

const [solcModule, root] = process.argv.slice(2);
const require = createRequire(join(resolve(solcModule), "package.json"));
const solc = require(resolve(solcModule));

const contracts = join(root, "tests", "contracts");
const output = join(contracts, "build");
mkdirSync(output, { recursive: true });

const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};

for (const file of readdirSync(contracts).filter((f) => f.endsWith(".sol")).sort()) {
  const content = readFileSync(join(contracts, file), "utf8");
  const input = { language: "Solidity", sources: { [file]: { content } }, settings };
  const result = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (result.errors ?? []).filter((e) => e.severity === "error");
  for (const e of result.errors ?? []) console.error(e.formattedMessage);
  if (errors.length > 0) process.exit(1);
  for (const [name, compiled] of Object.entries(result.contracts[file])) {
    const artifact = {
      contractName: name,
      source: `tests/contracts/${file}`,
      sourceSha256: createHash("sha256").update(content, "utf8").digest("hex"),
      compiler: `solc ${solc.version()}`,
      settings: { optimizer: settings.optimizer, evmVersion: settings.evmVersion },
      abi: compiled.abi,
      bytecode: "0x" + compiled.evm.bytecode.object,
      deployedBytecode: "0x" + compiled.evm.deployedBytecode.object,
    };
    writeFileSync(join(output, `${name}.json`), JSON.stringify(artifact, null, 2) + "\n");
    console.log(`${name}: ${compiled.evm.bytecode.object.length / 2} bytes of creation code -> tests/contracts/build/${name}.json`);
  }
}
