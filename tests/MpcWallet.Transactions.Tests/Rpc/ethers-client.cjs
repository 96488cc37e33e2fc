// An ethers 6 client of a wallet's JSON-RPC endpoint (run by RealClientTests): it signs a message and typed data
// and sends a transaction through the endpoint, checks them with ethers itself, and prints what it saw as JSON.
// ETHERS_MODULE: the installed ethers package (scripts/prepare.d/15-ethers.sh); RPC_URL, API_KEY, TO: the endpoint,
// its key and the recipient of 0.25 ether.
const { ethers } = require(process.env.ETHERS_MODULE);

async function main() {
  const request = new ethers.FetchRequest(process.env.RPC_URL);
  request.setHeader("Authorization", "Bearer " + process.env.API_KEY);
  // Batching stays on (ethers' default): the endpoint must answer batches as well as single calls. The response
  // cache is off: ethers answers an identical call within 250 ms from it, so a transfer mined faster than that would
  // show the balance from before it.
  const provider = new ethers.JsonRpcProvider(request, undefined, { cacheTimeout: -1 });
  const accounts = await provider.send("eth_accounts", []);
  const signer = await provider.getSigner(accounts[0]);
  const address = await signer.getAddress();

  const message = "MpcWallet says hello to ethers " + ethers.version;
  const messageSignature = await signer.signMessage(message);

  const network = await provider.getNetwork();
  const domain = { name: "MpcWallet Mail", version: "1", chainId: network.chainId, verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" };
  const types = {
    Person: [{ name: "name", type: "string" }, { name: "wallet", type: "address" }],
    Mail: [{ name: "from", type: "Person" }, { name: "to", type: "Person" }, { name: "contents", type: "string" }, { name: "amount", type: "uint256" }],
  };
  const value = {
    from: { name: "Cow", wallet: address },
    to: { name: "Bob", wallet: process.env.TO },
    contents: "Hello, Bob!",
    amount: 1234567890123456789n,
  };
  const typedSignature = await signer.signTypedData(domain, types, value);

  const before = await provider.getBalance(process.env.TO);
  const sent = await signer.sendTransaction({ to: process.env.TO, value: ethers.parseEther("0.25") });
  const receipt = await sent.wait();
  const after = await provider.getBalance(process.env.TO);

  console.log(JSON.stringify({
    address,
    chainId: network.chainId.toString(),
    messageSignature,
    messageSigner: ethers.verifyMessage(message, messageSignature),
    typedSignature,
    typedSigner: ethers.verifyTypedData(domain, types, value, typedSignature),
    hash: sent.hash,
    receiptStatus: receipt.status,
    receiptFrom: receipt.from,
    received: (after - before).toString(),
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
