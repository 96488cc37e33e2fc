namespace MpcWallet.Contracts.Events;

/// <summary>
/// Channel <c>events</c>: a transaction changed status (queued, signing, submitted, confirmed, failed; submitted
/// again after a reorg). <see cref="Hash"/> is the attempt that was mined, else the latest one.
/// </summary>
public sealed record TransactionStatusChanged
{
    public required Guid MessageId { get; init; }

    public required string TransactionId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }

    public required ulong ChainId { get; init; }

    public required string From { get; init; }

    public ulong? Nonce { get; init; }

    public string? OldStatus { get; init; }

    public required string NewStatus { get; init; }

    public string? Hash { get; init; }

    public ulong? BlockNumber { get; init; }

    public string? Error { get; init; }

    public required DateTimeOffset At { get; init; }
}
