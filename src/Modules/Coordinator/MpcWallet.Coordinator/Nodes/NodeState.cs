namespace MpcWallet.Coordinator.Nodes;

/// <summary>What the coordinator knows about one configured node right now.</summary>
internal sealed class NodeState(string id, string configuredEndpoint)
{
    public string Id { get; } = id;

    public string ConfiguredEndpoint { get; } = configuredEndpoint;

    /// <summary>The configured endpoint, or the one the node announced when it was configured with port 0.</summary>
    public string Endpoint { get; set; } = configuredEndpoint;

    public DateTimeOffset? LastHeartbeatAt { get; set; }

    public bool Online { get; set; }

    /// <summary>The software version the node announced in its last heartbeat (null: none announced).</summary>
    public string? Version { get; set; }

    public IReadOnlyList<(string WalletId, uint KeyVersion)> HeldKeys { get; set; } = [];

    /// <summary>When the node reported <see cref="HeldKeys"/> (its own clock); an older report never replaces a newer one.</summary>
    public DateTimeOffset? HeldKeysAt { get; set; }
}
