namespace MpcWallet.Contracts.Events;

/// <summary>Channel <c>events</c>: a signature request completed (the signature itself goes on signatures_final).</summary>
public sealed record SignatureCompleted
{
    public required Guid MessageId { get; init; }

    public required string SignatureId { get; init; }

    public required string WalletId { get; init; }

    public required string Tenant { get; init; }
}
