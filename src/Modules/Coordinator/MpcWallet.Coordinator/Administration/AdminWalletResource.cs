using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Administration;

/// <summary>
/// One wallet in <c>GET /v1/admin/wallets</c> (every tenant's): its key's public data, its holders in party-index order
/// and how many of them are online now. <see cref="Generation"/> is the share generation once resharing exists
/// (null until then); <see cref="KeyVersion"/> is the stored key version.
/// </summary>
internal sealed record AdminWalletResource(
    string Id, string Tenant, string Label, string Status, int Threshold, int Parties, IReadOnlyList<string> Nodes, int OnlineHolders,
    string? Address, string? PublicKey, long KeyVersion, long? Generation, int Attempts, string? Error, DateTime CreatedAt)
{
    public static AdminWalletResource From(WalletRecord wallet, Func<string, bool> isOnline) => new(
        wallet.Id, wallet.Tenant, wallet.Label, wallet.Status, wallet.Threshold, wallet.Parties, wallet.NodeList, wallet.NodeList.Count(isOnline),
        wallet.Address, wallet.PublicKey, wallet.KeyVersion, null, wallet.Attempts, wallet.Error, wallet.CreatedAt.UtcDateTime);
}
