namespace MpcWallet.Coordinator.Api;

/// <summary>The wallet resource of api.md.</summary>
internal sealed record WalletResource(
    string Id,
    string Label,
    int Threshold,
    int Parties,
    string Status,
    string? PublicKey,
    string? Address,
    IReadOnlyList<string> Nodes,
    DateTime CreatedAt,
    string? Error);
