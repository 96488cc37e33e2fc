using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>The eth_* calls the wallet uses, each with a strict reader for its result.</summary>
public static class EthereumRpcCalls
{
    public static EthereumRpcCall<ulong> ChainId() =>
        new("eth_chainId", [], result => RpcJson.QuantityUInt64(result, "eth_chainId"));

    public static EthereumRpcCall<ulong> BlockNumber() =>
        new("eth_blockNumber", [], result => RpcJson.QuantityUInt64(result, "eth_blockNumber"));

    public static EthereumRpcCall<UInt256> GetBalance(EthereumAddress address, BlockParameter block)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new("eth_getBalance", [address.ToLowerHex(), block.ToString()], result => RpcJson.Quantity(result, "eth_getBalance"));
    }

    /// <summary>With <see cref="BlockParameter.Pending"/> this is the next nonce including pool transactions.</summary>
    public static EthereumRpcCall<ulong> GetTransactionCount(EthereumAddress address, BlockParameter block)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new("eth_getTransactionCount", [address.ToLowerHex(), block.ToString()], result => RpcJson.QuantityUInt64(result, "eth_getTransactionCount"));
    }

    public static EthereumRpcCall<ulong> EstimateGas(TransactionCallRequest call, BlockParameter? block = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        JsonNode?[] parameters = block is { } b ? [call.ToJson(), b.ToString()] : [call.ToJson()];
        return new("eth_estimateGas", parameters, result => RpcJson.QuantityUInt64(result, "eth_estimateGas"));
    }

    public static EthereumRpcCall<byte[]> Call(TransactionCallRequest call, BlockParameter block)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new("eth_call", [call.ToJson(), block.ToString()], result => RpcJson.Data(result, "eth_call"));
    }

    public static EthereumRpcCall<UInt256> GasPrice() =>
        new("eth_gasPrice", [], result => RpcJson.Quantity(result, "eth_gasPrice"));

    public static EthereumRpcCall<UInt256> MaxPriorityFeePerGas() =>
        new("eth_maxPriorityFeePerGas", [], result => RpcJson.Quantity(result, "eth_maxPriorityFeePerGas"));

    /// <param name="blockCount">1–1024 blocks.</param>
    /// <param name="newestBlock">The newest block of the range.</param>
    /// <param name="rewardPercentiles">Increasing values in [0, 100].</param>
    public static EthereumRpcCall<FeeHistory> FeeHistory(int blockCount, BlockParameter newestBlock, IReadOnlyList<double> rewardPercentiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockCount, 1024);
        ArgumentNullException.ThrowIfNull(rewardPercentiles);
        for (var i = 0; i < rewardPercentiles.Count; i++)
        {
            var p = rewardPercentiles[i];
            if (!double.IsFinite(p) || p < 0 || p > 100 || (i > 0 && p < rewardPercentiles[i - 1]))
            {
                throw new ArgumentException("Reward percentiles must be increasing values in [0, 100].", nameof(rewardPercentiles));
            }
        }

        var percentiles = new JsonArray(rewardPercentiles.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray());
        var count = rewardPercentiles.Count;
        return new(
            "eth_feeHistory",
            [((UInt256)(ulong)blockCount).ToQuantityString(), newestBlock.ToString(), percentiles],
            result => Rpc.FeeHistory.Parse(result, count));
    }

    /// <summary>Returns the node's transaction hash (checked against the local hash by the client's send method).</summary>
    public static EthereumRpcCall<string> SendRawTransaction(ReadOnlySpan<byte> rawTransaction)
    {
        if (rawTransaction.IsEmpty)
        {
            throw new ArgumentException("The raw transaction is empty.", nameof(rawTransaction));
        }

        return new("eth_sendRawTransaction", [HexBytes.ToHex(rawTransaction)], result => RpcJson.Hash(result, "eth_sendRawTransaction"));
    }

    /// <summary>Null when the node does not know the transaction.</summary>
    public static EthereumRpcCall<TransactionDetails?> GetTransactionByHash(string transactionHash) =>
        new("eth_getTransactionByHash", [CheckHash(transactionHash)], result => result.ValueKind == JsonValueKind.Null ? null : TransactionDetails.Parse(result));

    /// <summary>Null while the transaction is pending or unknown.</summary>
    public static EthereumRpcCall<TransactionReceipt?> GetTransactionReceipt(string transactionHash) =>
        new("eth_getTransactionReceipt", [CheckHash(transactionHash)], result => result.ValueKind == JsonValueKind.Null ? null : TransactionReceipt.Parse(result));

    /// <summary>The block with transaction hashes only (not full transactions); null if there is no such block.</summary>
    public static EthereumRpcCall<Block?> GetBlockByNumber(BlockParameter block) =>
        new("eth_getBlockByNumber", [block.ToString(), false], result => result.ValueKind == JsonValueKind.Null ? null : Rpc.Block.Parse(result));

    private static string CheckHash(string hash) =>
        HexBytes.TryParse(hash, out var bytes) && bytes.Length == 32
            ? HexBytes.ToHex(bytes)
            : throw new ArgumentException("A transaction hash is 0x followed by 64 hex digits.", nameof(hash));
}
