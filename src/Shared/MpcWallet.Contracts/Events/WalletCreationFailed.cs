namespace MpcWallet.Contracts.Events;

/// <summary>Channel <c>events</c>: key generation for a wallet failed for good.</summary>
public sealed record WalletCreationFailed
{
    public required Guid MessageId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }

    public required string Reason { get; init; }
}
