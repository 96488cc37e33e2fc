using System.Text.Json;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>eth_getTransactionReceipt's answer for a mined transaction. Hashes are 0x + 64 lowercase hex digits.</summary>
public sealed record TransactionReceipt
{
    public required string TransactionHash { get; init; }

    public required ulong TransactionIndex { get; init; }

    public required string BlockHash { get; init; }

    public required ulong BlockNumber { get; init; }

    public required EthereumAddress From { get; init; }

    public EthereumAddress? To { get; init; }

    public EthereumAddress? ContractAddress { get; init; }

    public required ulong CumulativeGasUsed { get; init; }

    public required ulong GasUsed { get; init; }

    public UInt256? EffectiveGasPrice { get; init; }

    /// <summary>True for status 0x1, false for 0x0; null for pre-Byzantium receipts (which carry a state root instead).</summary>
    public bool? Succeeded { get; init; }

    public byte Type { get; init; }

    public required IReadOnlyList<LogEntry> Logs { get; init; }

    internal static TransactionReceipt Parse(JsonElement json)
    {
        const string What = "receipt";
        bool? succeeded = null;
        if (RpcJson.Optional(json, "status") is { } status)
        {
            var value = RpcJson.Quantity(status, What + ".status");
            succeeded = value == UInt256.One
                ? true
                : value.IsZero ? false : throw new EthereumRpcResponseException($"receipt.status must be 0x0 or 0x1, found {value}.");
        }

        var type = RpcJson.OptionalQuantityUInt64(json, "type", What) ?? 0;
        return new TransactionReceipt
        {
            TransactionHash = RpcJson.Hash(RpcJson.Required(json, "transactionHash"), What + ".transactionHash"),
            TransactionIndex = RpcJson.QuantityUInt64(json, "transactionIndex", What),
            BlockHash = RpcJson.Hash(RpcJson.Required(json, "blockHash"), What + ".blockHash"),
            BlockNumber = RpcJson.QuantityUInt64(json, "blockNumber", What),
            From = RpcJson.Address(RpcJson.Required(json, "from"), What + ".from"),
            To = RpcJson.OptionalAddress(json, "to", What),
            ContractAddress = RpcJson.OptionalAddress(json, "contractAddress", What),
            CumulativeGasUsed = RpcJson.QuantityUInt64(json, "cumulativeGasUsed", What),
            GasUsed = RpcJson.QuantityUInt64(json, "gasUsed", What),
            EffectiveGasPrice = RpcJson.OptionalQuantity(json, "effectiveGasPrice", What),
            Succeeded = succeeded,
            Type = type <= byte.MaxValue ? (byte)type : throw new EthereumRpcResponseException("receipt.type does not fit in a byte."),
            Logs = RpcJson.Array(RpcJson.Required(json, "logs"), What + ".logs").Select(LogEntry.Parse).ToList().AsReadOnly(),
        };
    }
}
