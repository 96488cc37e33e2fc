namespace MpcWallet.Contracts.Events;

/// <summary>Channel <c>events</c>: a signature request failed for good, with the reason the API reports.</summary>
public sealed record SignatureFailed
{
    public required Guid MessageId { get; init; }

    public required string SignatureId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }

    public required string Reason { get; init; }
}
