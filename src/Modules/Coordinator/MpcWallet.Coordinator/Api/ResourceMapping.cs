using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Api;

internal static class ResourceMapping
{
    public static WalletResource ToResource(this WalletRecord wallet) => new(
        wallet.Id,
        wallet.Label,
        wallet.Threshold,
        wallet.Parties,
        wallet.Status,
        wallet.Status == WalletStatus.Active ? wallet.PublicKey : null,
        wallet.Status == WalletStatus.Active ? wallet.Address : null,
        wallet.NodeList,
        wallet.CreatedAt.UtcDateTime,
        wallet.Status == WalletStatus.Failed ? wallet.Error : null);

    public static SignatureResource ToResource(this SignatureRecord signature) => new(
        signature.Id,
        signature.WalletId,
        signature.Type,
        signature.Status,
        signature.Digest,
        signature.R,
        signature.S,
        signature.V,
        signature is { R: { } r, S: { } s, V: { } v } ? $"{r}{s[2..]}{v:x2}" : null,
        signature.Nodes.Length == 0 ? [] : signature.Nodes.Split(','),
        signature.CreatedAt.UtcDateTime,
        signature.CompletedAt?.UtcDateTime,
        signature.Status == SignatureStatus.Failed ? signature.Error : null);
}
