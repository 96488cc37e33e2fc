using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

internal static class ResourceMapping
{
    /// <param name="head">The chain's newest block seen by the tracker: confirmations are derived from it, not stored per block.</param>
    public static TransactionResource ToResource(this TransactionRecord t, IEnumerable<AttemptRecord> attempts, ulong head)
    {
        var details = KindDetails.FromJson(t.Details);
        return new(
            t.Id,
            t.WalletId,
            (ulong)t.ChainId,
            t.From,
            t.DerivationPath,
            t.To,
            t.Value,
            t.Data,
            t.Nonce is { } n ? (ulong)n : null,
            t.Status,
            t.Hash,
            t.BlockNumber is { } b ? (ulong)b : null,
            t.BlockNumber is { } mined && head >= (ulong)mined ? Math.Max(t.Confirmations, (int)Math.Min(int.MaxValue, head - (ulong)mined + 1)) : t.Confirmations,
            t.GasLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            t.MaxFeePerGas,
            t.MaxPriorityFeePerGas,
            attempts.OrderBy(a => a.Number)
                .Select(a => new AttemptResource(a.Hash, a.MaxFeePerGas, a.MaxPriorityFeePerGas, a.SubmittedAt, a.Number, a.Kind, a.Cancels, t.BlockHash is not null && a.Hash == t.Hash, a.Status, a.Error)).ToArray(),
            t.Kind,
            details?.Token,
            details?.Call,
            t.CreatedAt,
            t.UpdatedAt,
            t.Error);
    }
}
