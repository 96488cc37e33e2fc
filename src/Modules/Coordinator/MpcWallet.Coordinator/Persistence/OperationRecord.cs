namespace MpcWallet.Coordinator.Persistence;

/// <summary>A lifecycle operation on a wallet (a proactive refresh), run by the work runner under a lease like a signature.</summary>
internal sealed class OperationRecord
{
    public required string Id { get; set; }

    public required string Tenant { get; set; }

    public required string WalletId { get; set; }

    /// <summary><see cref="OperationKind"/>.</summary>
    public required string Kind { get; set; }

    /// <summary><see cref="OperationStatus"/>; at most one pending operation per wallet (a unique index).</summary>
    public required string Status { get; set; }

    /// <summary>The wallet key version this operation produces (engine numbering: 0 at creation); the API's generation is this + 1.</summary>
    public required long KeyVersion { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The coordinator instance running this operation while <see cref="LeaseUntil"/> (unix ms) lies ahead.</summary>
    public string? Owner { get; set; }

    public long? LeaseUntil { get; set; }

    /// <summary>The W3C traceparent of the request that asked for this (its run continues that trace).</summary>
    public string? TraceParent { get; set; }
}
