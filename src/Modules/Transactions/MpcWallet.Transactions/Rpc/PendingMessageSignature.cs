using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Rpc;

/// <summary>A message signature a JSON-RPC caller waits for: the wallet and digest asked, and the answer once it comes.</summary>
internal sealed record PendingMessageSignature(WalletRecord Wallet, string Digest)
{
    public TaskCompletionSource<(byte[]? Signature, JsonRpcError? Error)> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
