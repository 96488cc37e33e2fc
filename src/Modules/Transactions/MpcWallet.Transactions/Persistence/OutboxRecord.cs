namespace MpcWallet.Transactions.Persistence;

/// <summary>A broker message committed with the state change that caused it; published (at least once) afterwards.</summary>
internal sealed class OutboxRecord
{
    public required string Id { get; set; }

    public required long Sequence { get; set; }

    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
