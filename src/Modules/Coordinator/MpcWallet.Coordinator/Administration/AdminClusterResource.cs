namespace MpcWallet.Coordinator.Administration;

/// <summary>
/// <c>GET /v1/admin/cluster</c>: the nodes, and how many active wallets are below their quorum margin (fewer than
/// threshold + 1 online holders) or without quorum (fewer than threshold), across every tenant.
/// </summary>
internal sealed record AdminClusterResource(
    IReadOnlyList<AdminNodeResource> Nodes, long ActiveWallets, long WalletsBelowQuorumMargin, long WalletsWithoutQuorum, long PendingSignatures);
