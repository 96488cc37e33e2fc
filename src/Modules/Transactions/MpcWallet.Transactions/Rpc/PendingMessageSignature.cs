using MpcWallet.Ethereum.Signing;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Rpc;

/// <summary>A message signature a JSON-RPC caller waits for: the wallet, what is signed and its digest, and the answer once it comes.</summary>
internal sealed record PendingMessageSignature(WalletRecord Wallet, SigningPreImage PreImage, string Digest)
{
    public TaskCompletionSource<(byte[]? Signature, JsonRpcError? Error)> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
