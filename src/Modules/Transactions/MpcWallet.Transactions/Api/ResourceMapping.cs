using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

internal static class ResourceMapping
{
    public static TransactionResource ToResource(this TransactionRecord t, IEnumerable<AttemptRecord> attempts) => new(
        t.Id,
        t.WalletId,
        (ulong)t.ChainId,
        t.From,
        t.To,
        t.Value,
        t.Data,
        t.Nonce is { } n ? (ulong)n : null,
        t.Status,
        t.Hash,
        t.BlockNumber is { } b ? (ulong)b : null,
        t.Confirmations,
        t.GasLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        t.MaxFeePerGas,
        t.MaxPriorityFeePerGas,
        attempts.Where(a => a.Hash is not null).OrderBy(a => a.Number)
            .Select(a => new AttemptResource(a.Hash!, a.MaxFeePerGas, a.MaxPriorityFeePerGas, a.SubmittedAt, a.Status, a.Error)).ToArray(),
        t.Kind,
        t.CreatedAt,
        t.UpdatedAt,
        t.Error);
}
