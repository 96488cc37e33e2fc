namespace MpcWallet.Transactions.Persistence;

/// <summary>An <c>Idempotency-Key</c> (per tenant and wallet), the fingerprint of the body it came with, and the transaction it made.</summary>
internal sealed class IdempotencyRecord
{
    public required string Tenant { get; set; }

    public required string Scope { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public required string TransactionId { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }
}
