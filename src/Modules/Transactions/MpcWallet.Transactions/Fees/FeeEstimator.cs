using System.Globalization;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Ethereum.Rpc;

namespace MpcWallet.Transactions.Fees;

/// <summary>
/// Market fees: tip = the policy percentile of the last blocks' rewards (eth_feeHistory), falling back to
/// eth_maxPriorityFeePerGas when the blocks carry no rewards, at least the policy minimum; maxFee = next base fee ×
/// multiplier + tip. Both capped by the policy.
/// </summary>
internal static class FeeEstimator
{
    public static async Task<FeeQuote> QuoteAsync(EthereumRpcClient client, FeePolicy policy, CancellationToken cancellationToken)
    {
        var history = await client.GetFeeHistoryAsync(policy.FeeHistoryBlocks, BlockParameter.Latest, [policy.PriorityFeePercentile], cancellationToken);
        var rewards = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Where(r => !r.IsZero).OrderBy(r => r).ToArray();
        UInt256 tip;
        string tipBasis;
        if (rewards.Length > 0)
        {
            tip = rewards[rewards.Length / 2];
            tipBasis = $"p{policy.PriorityFeePercentile.ToString(CultureInfo.InvariantCulture)} reward of {history.BlockCount} blocks";
        }
        else
        {
            tip = await client.GetMaxPriorityFeePerGasAsync(cancellationToken);
            tipBasis = "eth_maxPriorityFeePerGas";
        }

        return Compose(policy, history.NextBaseFeePerGas, tip, tipBasis);
    }

    /// <summary>The base fee of the next block (the extra entry of eth_feeHistory): below it, no transaction is mined now.</summary>
    public static async Task<UInt256> NextBaseFeeAsync(EthereumRpcClient client, CancellationToken cancellationToken) =>
        (await client.GetFeeHistoryAsync(1, BlockParameter.Latest, [], cancellationToken)).NextBaseFeePerGas;

    public static FeeQuote Compose(FeePolicy policy, UInt256 nextBaseFee, UInt256 tip, string tipBasis)
    {
        tip = Max(tip, policy.MinPriorityFeePerGas);
        var maxFee = (nextBaseFee * (ulong)policy.BaseFeeMultiplier) + tip;
        var capped = false;
        if (maxFee > policy.MaxFeePerGasCap)
        {
            maxFee = policy.MaxFeePerGasCap;
            capped = true;
        }

        tip = Min(tip, maxFee);
        return new FeeQuote(maxFee, tip, $"next base fee {nextBaseFee} × {policy.BaseFeeMultiplier} + tip {tip} ({tipBasis}){(capped ? $", capped at {policy.MaxFeePerGasCap}" : "")}")
        {
            NextBaseFee = nextBaseFee,
        };
    }

    private static UInt256 Max(UInt256 a, UInt256 b) => a > b ? a : b;

    private static UInt256 Min(UInt256 a, UInt256 b) => a < b ? a : b;
}
