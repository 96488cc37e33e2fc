namespace MpcWallet.Contracts.StateSync;

/// <summary>Channel <c>state_sync</c>: what a node holds (wallet → key version) and its last finished session.</summary>
public sealed record NodeStateHint
{
    public required Guid MessageId { get; init; }

    public required string Node { get; init; }

    public required IReadOnlyList<HeldKeyVersion> Keys { get; init; }

    public string? LastSessionId { get; init; }

    /// <summary>When the node sent it; the coordinator drops a report outside its window (replays, stale copies).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>
    /// Ed25519 by the sending node's identity key (the one the cluster manifest lists for <see cref="Node"/>) over this
    /// message type's tag and every other field (docs/channel.md, "Signed node messages"). Unsigned or wrongly signed
    /// reports are dropped.
    /// </summary>
    public byte[] Signature { get; init; } = [];
}
