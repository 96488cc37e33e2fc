namespace MpcWallet.Coordinator.Persistence;

/// <summary>An Idempotency-Key a tenant used for an operation, the hash of its request and the resource it made.</summary>
internal sealed class IdempotencyRecord
{
    public required string Tenant { get; set; }

    public required string Operation { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public required string ResourceId { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }
}
