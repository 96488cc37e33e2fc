namespace MpcWallet.Coordinator.Persistence;

/// <summary>What the coordinator last knew about a node (survives restarts; liveness itself is re-learned).</summary>
internal sealed class NodeRecord
{
    public required string Id { get; set; }

    public required string Endpoint { get; set; }

    public string? IdentityPublicKey { get; set; }

    public DateTimeOffset? LastHeartbeatAt { get; set; }
}
