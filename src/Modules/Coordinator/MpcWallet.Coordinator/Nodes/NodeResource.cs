namespace MpcWallet.Coordinator.Nodes;

/// <summary>One entry of <c>GET /v1/nodes</c>.</summary>
internal sealed record NodeResource(string Id, string Status, DateTime? LastHeartbeatAt, string Endpoint);
