using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Wallets;

/// <summary>The wallet resource of api.md.</summary>
internal sealed record WalletResource(
    string Id,
    string Label,
    int Threshold,
    int Parties,
    string Status,
    string? PublicKey,
    string? Address,
    string? Xpub,
    IReadOnlyList<string> Nodes,
    bool AllowRawDigest,
    DateTime CreatedAt,
    string? Error,
    long Generation)
{
    public static WalletResource From(WalletRecord wallet) => new(
        wallet.Id,
        wallet.Label,
        wallet.Threshold,
        wallet.Parties,
        wallet.Status,
        wallet.Status == WalletStatus.Active ? wallet.PublicKey : null,
        wallet.Status == WalletStatus.Active ? wallet.Address : null,
        WalletKeys.ExtendedPublicKeyOf(wallet),
        wallet.NodeList,
        wallet.AllowRawDigest,
        wallet.CreatedAt.UtcDateTime,
        wallet.Status == WalletStatus.Failed ? wallet.Error : null,
        wallet.Generation);
}
