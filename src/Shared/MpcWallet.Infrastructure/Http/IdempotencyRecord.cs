namespace MpcWallet.Infrastructure.Http;

/// <summary>
/// An <c>Idempotency-Key</c> a tenant used for an operation (e.g. <c>create-wallet</c>, or one scoped to a wallet),
/// the fingerprint of the request it came with, and the resource that request created. Stored in the module's own
/// <c>idempotency_keys</c> table, in the same transaction as the resource.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Tenant { get; set; }

    public required string Operation { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public required string ResourceId { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }
}
