namespace MpcWallet.Coordinator.Persistence;

/// <summary>A message to publish, committed with the state change it reports; <see cref="SentAt"/> once published.</summary>
internal sealed class OutboxRecord
{
    public required string MessageId { get; set; }

    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    public required long Sequence { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The dispatcher (coordinator instance) publishing this row until <see cref="ClaimedUntil"/> (unix ms).</summary>
    public string? ClaimedBy { get; set; }

    public long? ClaimedUntil { get; set; }
}
