namespace MpcWallet.Transactions.Configuration;

/// <summary>
/// <c>Chains:&lt;i&gt;:FeePolicy</c>. Amounts are wei as decimal strings. maxFee = next base fee × multiplier + tip,
/// tip = the fee-history percentile (at least the minimum), everything capped by <see cref="MaxFeePerGasCap"/>.
/// </summary>
internal sealed class FeePolicyOptions
{
    public string MaxFeePerGasCap { get; set; } = "500000000000";

    public string MinPriorityFeePerGas { get; set; } = "1000000";

    public int BaseFeeMultiplier { get; set; } = 2;

    public double PriorityFeePercentile { get; set; } = 50;

    public int FeeHistoryBlocks { get; set; } = 4;

    /// <summary>Added to eth_estimateGas, in percent.</summary>
    public int GasLimitMarginPercent { get; set; } = 20;

    /// <summary>Minimum fee bump of a replacement, in per mille of the previous fees (125 = 12.5 %; geth needs 10 %).</summary>
    public int ReplacementBumpPerMille { get; set; } = 125;
}
