namespace MpcWallet.Contracts.PartialSignatures;

/// <summary>
/// Channel <c>partial_signatures</c>: a signer's final-round output for the coordinator to aggregate. The engine's
/// encoded PartialSignature never crosses the broker in the clear: <see cref="Payload"/> is sealed to every coordinator
/// instance in the cluster manifest (HPKE, docs/channel.md), bound to the session, the node and this message type.
/// </summary>
public sealed record PartialSignatureSubmitted
{
    public required Guid MessageId { get; init; }

    public required string SessionId { get; init; }

    public required string Node { get; init; }

    /// <summary>The partial signature sealed to the coordinators' encryption keys (<c>RecipientEnvelope</c>).</summary>
    public required byte[] Payload { get; init; }

    /// <summary>When the node sent it; the coordinator drops a report outside its window (replays, stale copies).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>
    /// Ed25519 by the sending node's identity key (the one the cluster manifest lists for <see cref="Node"/>) over this
    /// message type's tag and every other field (docs/channel.md, "Signed node messages"). Unsigned or wrongly signed
    /// reports are dropped.
    /// </summary>
    public byte[] Signature { get; init; } = [];
}
