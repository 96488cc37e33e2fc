namespace MpcWallet.Transactions.Persistence;

/// <summary>
/// One append-only audit entry; <see cref="EntryHash"/> = SHA-256 over this entry's fields and
/// <see cref="PreviousHash"/>, so changing, removing or reordering any entry breaks every later link.
/// </summary>
internal sealed class AuditRecord
{
    public required long Sequence { get; set; }

    public required string Tenant { get; set; }

    public required string WalletId { get; set; }

    public required string TransactionId { get; set; }

    public string? OldStatus { get; set; }

    public required string NewStatus { get; set; }

    public required string Action { get; set; }

    public string? TransactionHash { get; set; }

    public string? Detail { get; set; }

    /// <summary>ISO 8601 UTC text, so the hashed value survives every provider unchanged.</summary>
    public required string At { get; set; }

    public required string PreviousHash { get; set; }

    public required string EntryHash { get; set; }
}
