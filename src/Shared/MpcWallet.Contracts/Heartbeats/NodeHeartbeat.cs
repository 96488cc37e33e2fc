namespace MpcWallet.Contracts.Heartbeats;

/// <summary>Channel <c>heartbeats</c>: a node is alive and serves NodeControl at <see cref="Endpoint"/>.</summary>
public sealed record NodeHeartbeat
{
    public required Guid MessageId { get; init; }

    public required string Node { get; init; }

    public required string Endpoint { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    /// <summary>The node's software version (its build's informational version); absent from older nodes.</summary>
    public string? Version { get; init; }
}
