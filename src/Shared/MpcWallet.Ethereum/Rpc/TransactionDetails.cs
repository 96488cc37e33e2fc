using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>eth_getTransactionByHash's answer. Block fields are null while the transaction is pending.</summary>
public sealed record TransactionDetails
{
    public required string Hash { get; init; }

    public required byte Type { get; init; }

    public required ulong Nonce { get; init; }

    public required EthereumAddress From { get; init; }

    public EthereumAddress? To { get; init; }

    public required UInt256 Value { get; init; }

    public required ulong Gas { get; init; }

    public UInt256? GasPrice { get; init; }

    public UInt256? MaxFeePerGas { get; init; }

    public UInt256? MaxPriorityFeePerGas { get; init; }

    public required ReadOnlyMemory<byte> Input { get; init; }

    public ulong? ChainId { get; init; }

    public string? BlockHash { get; init; }

    public ulong? BlockNumber { get; init; }

    public ulong? TransactionIndex { get; init; }

    internal static TransactionDetails Parse(JsonElement json)
    {
        const string What = "transaction";
        var type = RpcJson.OptionalQuantityUInt64(json, "type", What) ?? 0;
        return new TransactionDetails
        {
            Hash = RpcJson.Hash(RpcJson.Required(json, "hash"), What + ".hash"),
            Type = type <= byte.MaxValue ? (byte)type : throw new EthereumRpcResponseException("transaction.type does not fit in a byte."),
            Nonce = RpcJson.QuantityUInt64(json, "nonce", What),
            From = RpcJson.Address(RpcJson.Required(json, "from"), What + ".from"),
            To = RpcJson.OptionalAddress(json, "to", What),
            Value = RpcJson.Quantity(json, "value", What),
            Gas = RpcJson.QuantityUInt64(json, "gas", What),
            GasPrice = RpcJson.OptionalQuantity(json, "gasPrice", What),
            MaxFeePerGas = RpcJson.OptionalQuantity(json, "maxFeePerGas", What),
            MaxPriorityFeePerGas = RpcJson.OptionalQuantity(json, "maxPriorityFeePerGas", What),
            Input = RpcJson.Data(RpcJson.Required(json, "input"), What + ".input"),
            ChainId = RpcJson.OptionalQuantityUInt64(json, "chainId", What),
            BlockHash = RpcJson.OptionalHash(json, "blockHash", What),
            BlockNumber = RpcJson.OptionalQuantityUInt64(json, "blockNumber", What),
            TransactionIndex = RpcJson.OptionalQuantityUInt64(json, "transactionIndex", What),
        };
    }
}
