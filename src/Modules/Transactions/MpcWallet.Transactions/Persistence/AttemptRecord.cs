namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// One signed version of a transaction (same nonce; the first one and each fee-bumped replacement). The raw bytes are
/// kept so a rebroadcast sends exactly the same transaction without a new signature.
/// </summary>
internal sealed class AttemptRecord
{
    public required string Id { get; set; }

    public required string TransactionId { get; set; }

    public required int Number { get; set; }

    /// <summary>The coordinator signature id (requester-chosen) this attempt waits for.</summary>
    public required string SignatureId { get; set; }

    public required string SigningHash { get; set; }

    public required string MaxFeePerGas { get; set; }

    public required string MaxPriorityFeePerGas { get; set; }

    public required string Status { get; set; }

    /// <summary><see cref="AttemptKinds"/>: the first attempt, an automatic bump, or a speed-up or cancel asked for.</summary>
    public required string Kind { get; set; }

    /// <summary>This attempt is the 0-value self-transfer (gas 21000, no data) that takes the nonce in place of the transaction.</summary>
    public bool Cancels { get; set; }

    public string? Hash { get; set; }

    public string? RawTransaction { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? LastBroadcastAt { get; set; }

    public DateTimeOffset? NextBroadcastAt { get; set; }

    public int BroadcastCount { get; set; }

    public string? Error { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public required DateTimeOffset RequestedAt { get; set; }
}
