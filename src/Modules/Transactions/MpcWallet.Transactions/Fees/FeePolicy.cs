using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Configuration;

namespace MpcWallet.Transactions.Fees;

/// <summary>A chain's fee policy, parsed and range-checked from <see cref="FeePolicyOptions"/>.</summary>
internal sealed record FeePolicy(
    UInt256 MaxFeePerGasCap,
    UInt256 MinPriorityFeePerGas,
    int BaseFeeMultiplier,
    double PriorityFeePercentile,
    int FeeHistoryBlocks,
    int GasLimitMarginPercent,
    int ReplacementBumpPerMille)
{
    /// <summary>The policy; <see cref="InvalidOperationException"/> when <see cref="Errors"/> finds any.</summary>
    public static FeePolicy From(ulong chainId, FeePolicyOptions options)
    {
        if (Errors(chainId, options).FirstOrDefault() is { } error)
        {
            throw new InvalidOperationException(error);
        }

        return new FeePolicy(
            UInt256.Parse(options.MaxFeePerGasCap), UInt256.Parse(options.MinPriorityFeePerGas), options.BaseFeeMultiplier, options.PriorityFeePercentile,
            options.FeeHistoryBlocks, options.GasLimitMarginPercent, options.ReplacementBumpPerMille);
    }

    /// <summary>What is wrong with <paramref name="options"/> (checked when the process starts, and by <see cref="From"/>).</summary>
    public static IEnumerable<string> Errors(ulong chainId, FeePolicyOptions options)
    {
        if (!UInt256.TryParse(options.MaxFeePerGasCap, out var cap) || cap.IsZero || !UInt256.TryParse(options.MinPriorityFeePerGas, out var minTip) || minTip > cap)
        {
            yield return $"Chains: chain {chainId} FeePolicy needs decimal wei MaxFeePerGasCap > 0 and MinPriorityFeePerGas ≤ the cap";
        }

        if (options.BaseFeeMultiplier is < 1 or > 100 || options.PriorityFeePercentile is < 0 or > 100 || options.FeeHistoryBlocks is < 1 or > 1024
            || options.GasLimitMarginPercent is < 0 or > 1000 || options.ReplacementBumpPerMille < 125)
        {
            yield return $"Chains: chain {chainId} FeePolicy out of range (BaseFeeMultiplier 1–100, PriorityFeePercentile 0–100, FeeHistoryBlocks 1–1024, GasLimitMarginPercent 0–1000, ReplacementBumpPerMille ≥ 125)";
        }
    }

    public ulong WithMargin(ulong estimatedGas) => checked(estimatedGas + (estimatedGas * (ulong)GasLimitMarginPercent / 100));
}
