using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Signatures;

/// <summary>The signature resource of api.md.</summary>
internal sealed record SignatureResource(
    string Id,
    string WalletId,
    string Type,
    string Status,
    string Digest,
    string DerivationPath,
    string? R,
    string? S,
    int? V,
    string? Signature,
    IReadOnlyList<string> Nodes,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    string? Error)
{
    public static SignatureResource From(SignatureRecord signature) => new(
        signature.Id,
        signature.WalletId,
        signature.Type,
        signature.Status,
        signature.Digest,
        Mpc.Derivation.DerivationPath.Format(signature.PathIndices),
        signature.R,
        signature.S,
        signature.V,
        signature is { R: { } r, S: { } s, V: { } v } ? $"{r}{s[2..]}{v:x2}" : null,
        signature.Nodes.Length == 0 ? [] : signature.Nodes.Split(','),
        signature.CreatedAt.UtcDateTime,
        signature.CompletedAt?.UtcDateTime,
        signature.Status == SignatureStatus.Failed ? signature.Error : null);
}
