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

    /// <summary>
    /// Ed25519 by the sending node's identity key (the one the cluster manifest lists for <see cref="Node"/>) over this
    /// message type's tag and every other field (docs/channel.md, "Signed node messages"). Unsigned or wrongly signed
    /// reports are dropped.
    /// </summary>
    public byte[] Signature { get; init; } = [];
}
