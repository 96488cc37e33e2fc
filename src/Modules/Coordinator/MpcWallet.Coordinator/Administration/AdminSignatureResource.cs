using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Administration;

/// <summary>One signature request in <c>GET /v1/admin/signatures</c> (every tenant's) with its sessions, oldest first: its attempts and how each ended.</summary>
internal sealed record AdminSignatureResource(
    string Id, string Tenant, string WalletId, string Type, string Status, int Attempts, IReadOnlyList<string> Nodes, string? Error,
    DateTime CreatedAt, DateTime? CompletedAt, IReadOnlyList<AdminSessionResource> Sessions)
{
    public static AdminSignatureResource From(SignatureRecord signature, IReadOnlyList<AdminSessionResource> sessions) => new(
        signature.Id, signature.Tenant, signature.WalletId, signature.Type, signature.Status, signature.Attempts,
        signature.Nodes.Length == 0 ? [] : signature.Nodes.Split(','), signature.Error, signature.CreatedAt.UtcDateTime, signature.CompletedAt?.UtcDateTime, sessions);
}
