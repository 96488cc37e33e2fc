using MpcWallet.Coordinator.Persistence;

namespace MpcWallet.Coordinator.Operations;

/// <summary>The operation resource of api.md: a lifecycle operation on a wallet and how it ended.</summary>
internal sealed record OperationResource(
    string Id,
    string WalletId,
    string Kind,
    string Status,
    long Generation,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    string? Error)
{
    public static OperationResource From(OperationRecord operation) => new(
        operation.Id,
        operation.WalletId,
        operation.Kind,
        operation.Status,
        WalletRecord.GenerationOf(operation.KeyVersion),
        operation.CreatedAt.UtcDateTime,
        operation.CompletedAt?.UtcDateTime,
        operation.Status == OperationStatus.Failed ? operation.Error : null);
}
