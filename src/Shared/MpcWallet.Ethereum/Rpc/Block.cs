using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>
/// eth_getBlockByNumber's header fields and transaction hashes (requested without full transactions). Number and
/// hash are null for the pending block.
/// </summary>
public sealed record Block
{
    public ulong? Number { get; init; }

    public string? Hash { get; init; }

    public required string ParentHash { get; init; }

    public required ulong Timestamp { get; init; }

    public required ulong GasLimit { get; init; }

    public required ulong GasUsed { get; init; }

    /// <summary>Null before London.</summary>
    public UInt256? BaseFeePerGas { get; init; }

    public EthereumAddress? Miner { get; init; }

    public required IReadOnlyList<string> TransactionHashes { get; init; }

    internal static Block Parse(JsonElement json)
    {
        const string What = "block";
        return new Block
        {
            Number = RpcJson.OptionalQuantityUInt64(json, "number", What),
            Hash = RpcJson.OptionalHash(json, "hash", What),
            ParentHash = RpcJson.Hash(RpcJson.Required(json, "parentHash"), What + ".parentHash"),
            Timestamp = RpcJson.QuantityUInt64(json, "timestamp", What),
            GasLimit = RpcJson.QuantityUInt64(json, "gasLimit", What),
            GasUsed = RpcJson.QuantityUInt64(json, "gasUsed", What),
            BaseFeePerGas = RpcJson.OptionalQuantity(json, "baseFeePerGas", What),
            Miner = RpcJson.OptionalAddress(json, "miner", What),
            TransactionHashes = RpcJson.Array(RpcJson.Required(json, "transactions"), What + ".transactions")
                .Select(hash => RpcJson.Hash(hash, What + ".transactions[]"))
                .ToList()
                .AsReadOnly(),
        };
    }
}
