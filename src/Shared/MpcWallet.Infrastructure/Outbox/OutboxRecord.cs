namespace MpcWallet.Infrastructure.Outbox;

/// <summary>
/// A broker message committed in the module's own <c>outbox</c> table together with the state change it reports,
/// published afterwards under its original message id (<see cref="MessageId"/>) and marked <see cref="SentAt"/>.
/// </summary>
public sealed class OutboxRecord
{
    /// <summary>The message's own id (its <c>MessageId</c>), also the id it is published with: consumers deduplicate by it.</summary>
    public required string MessageId { get; set; }

    /// <summary>The full name of the contract type (<c>MpcWallet.Contracts…</c>).</summary>
    public required string MessageType { get; set; }

    /// <summary>The message as JSON.</summary>
    public required string Payload { get; set; }

    /// <summary>Publication order (time based, strictly increasing within a store).</summary>
    public required long Sequence { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The dispatcher publishing this row until <see cref="ClaimedUntil"/> (unix ms), when several share the store.</summary>
    public string? ClaimedBy { get; set; }

    public long? ClaimedUntil { get; set; }

    /// <summary>
    /// The W3C traceparent of the span that wrote the row (null outside one): the dispatcher publishes under it, so
    /// the message stays in the trace of the request that caused it.
    /// </summary>
    public string? TraceParent { get; set; }
}
