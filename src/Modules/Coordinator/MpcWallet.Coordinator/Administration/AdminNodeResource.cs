namespace MpcWallet.Coordinator.Administration;

/// <summary>One node in <c>GET /v1/admin/cluster</c>: liveness, the announced software version, how many key shares it reported holding.</summary>
internal sealed record AdminNodeResource(string Id, string Status, DateTime? LastHeartbeatAt, string Endpoint, string? Version, int HeldKeys);
