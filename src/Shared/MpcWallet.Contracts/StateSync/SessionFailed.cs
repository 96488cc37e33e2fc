namespace MpcWallet.Contracts.StateSync;

/// <summary>
/// Channel <c>state_sync</c>: a node's party aborted a session. <see cref="Culprit"/> names the node the engine
/// blamed (null when the failure cannot be attributed); <see cref="Banned"/> says the node now refuses that peer for
/// this wallet.
/// </summary>
public sealed record SessionFailed
{
    public required Guid MessageId { get; init; }

    public required string SessionId { get; init; }

    public required string Node { get; init; }

    public string? Culprit { get; init; }

    public required string Check { get; init; }

    public required bool Banned { get; init; }

    public required string Reason { get; init; }

    /// <summary>When the node sent it; the coordinator drops a report outside its window (replays, stale copies).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>
    /// Ed25519 by the sending node's identity key (the one the cluster manifest lists for <see cref="Node"/>) over this
    /// message type's tag and every other field (docs/channel.md, "Signed node messages"). Unsigned or wrongly signed
    /// reports are dropped.
    /// </summary>
    public byte[] Signature { get; init; } = [];
}
