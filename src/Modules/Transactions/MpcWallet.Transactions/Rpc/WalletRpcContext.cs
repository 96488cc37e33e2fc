using MpcWallet.Ethereum.Addresses;
using MpcWallet.Transactions.Chains;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// What every call of one <c>POST /v1/wallets/{id}/rpc</c> request shares: the caller's wallet (tenant-checked), the
/// chain the URL selects (null when none is configured) and the request's Idempotency-Key.
/// </summary>
internal sealed record WalletRpcContext(WalletRecord Wallet, Chain? Chain, string? IdempotencyKey)
{
    public EthereumAddress Address { get; } = EthereumAddress.Parse(Wallet.Address);
}
