using System.Text.Json;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// eth_feeHistory: per block from <see cref="OldestBlock"/> on, the base fee, the gas-used ratio and the requested
/// reward percentiles. <see cref="BaseFeePerGas"/> has one entry more than there are blocks: the next block's base fee.
/// </summary>
public sealed record FeeHistory
{
    public required ulong OldestBlock { get; init; }

    public required IReadOnlyList<UInt256> BaseFeePerGas { get; init; }

    public required IReadOnlyList<double> GasUsedRatio { get; init; }

    /// <summary>Per block, one tip per requested percentile; empty when no percentiles were asked for.</summary>
    public required IReadOnlyList<IReadOnlyList<UInt256>> Reward { get; init; }

    public int BlockCount => GasUsedRatio.Count;

    /// <summary>The base fee of the block after the newest one in the range.</summary>
    public UInt256 NextBaseFeePerGas => BaseFeePerGas[^1];

    internal static FeeHistory Parse(JsonElement json, int percentileCount)
    {
        const string What = "feeHistory";
        var baseFees = RpcJson.Array(RpcJson.Required(json, "baseFeePerGas"), What + ".baseFeePerGas")
            .Select(fee => RpcJson.Quantity(fee, What + ".baseFeePerGas[]"))
            .ToList();
        var ratios = RpcJson.Array(RpcJson.Required(json, "gasUsedRatio"), What + ".gasUsedRatio")
            .Select(ratio => RpcJson.Double(ratio, What + ".gasUsedRatio[]"))
            .ToList();
        var rewards = new List<IReadOnlyList<UInt256>>();
        if (RpcJson.Optional(json, "reward") is { } reward)
        {
            foreach (var block in RpcJson.Array(reward, What + ".reward"))
            {
                var tips = RpcJson.Array(block, What + ".reward[]").Select(tip => RpcJson.Quantity(tip, What + ".reward[][]")).ToList();
                if (tips.Count != percentileCount)
                {
                    throw new EthereumRpcResponseException($"feeHistory.reward has {tips.Count} entries for a block, expected {percentileCount}.");
                }

                rewards.Add(tips.AsReadOnly());
            }
        }

        if (baseFees.Count != ratios.Count + 1)
        {
            throw new EthereumRpcResponseException($"feeHistory has {baseFees.Count} base fees for {ratios.Count} blocks; expected one more than the blocks.");
        }

        if (percentileCount > 0 && rewards.Count != ratios.Count)
        {
            throw new EthereumRpcResponseException($"feeHistory has rewards for {rewards.Count} blocks, expected {ratios.Count}.");
        }

        return new FeeHistory
        {
            OldestBlock = RpcJson.QuantityUInt64(json, "oldestBlock", What),
            BaseFeePerGas = baseFees.AsReadOnly(),
            GasUsedRatio = ratios.AsReadOnly(),
            Reward = rewards.AsReadOnly(),
        };
    }
}
