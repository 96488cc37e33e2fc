namespace MpcWallet.Coordinator.Api;

/// <summary>The signature resource of api.md.</summary>
internal sealed record SignatureResource(
    string Id,
    string WalletId,
    string Type,
    string Status,
    string Digest,
    string? R,
    string? S,
    int? V,
    string? Signature,
    IReadOnlyList<string> Nodes,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    string? Error);
