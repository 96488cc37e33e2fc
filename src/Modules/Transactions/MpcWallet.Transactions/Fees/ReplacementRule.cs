using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Transactions.Fees;

/// <summary>
/// When a node takes a transaction in place of a pending one with the same nonce (go-ethereum's legacy pool,
/// <c>list.go</c> <c>Add</c>, PriceBump 10): both maxFeePerGas and maxPriorityFeePerGas strictly above the old ones
/// and at least old × (100 + 10) / 100 in integer arithmetic. Fees a caller chooses for a speed-up or cancel must pass
/// it against every attempt that may still be pending.
/// </summary>
internal static class ReplacementRule
{
    public const int PriceBumpPercent = 10;

    /// <summary>The lowest fee that replaces <paramref name="previous"/>: max(previous × 110 / 100, previous + 1).</summary>
    public static UInt256 Minimum(UInt256 previous)
    {
        var threshold = previous * (ulong)(100 + PriceBumpPercent) / 100;
        var above = previous + UInt256.One;
        return threshold > above ? threshold : above;
    }

    public static bool Replaces(UInt256 previousMaxFee, UInt256 previousTip, UInt256 maxFee, UInt256 tip) =>
        maxFee >= Minimum(previousMaxFee) && tip >= Minimum(previousTip);
}
