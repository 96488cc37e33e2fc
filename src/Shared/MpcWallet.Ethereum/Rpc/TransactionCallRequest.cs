using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>The call object of eth_call / eth_estimateGas; unset members are left out of the request.</summary>
public sealed record TransactionCallRequest
{
    public EthereumAddress? From { get; init; }

    /// <summary>Null for a contract creation.</summary>
    public EthereumAddress? To { get; init; }

    public ulong? Gas { get; init; }

    public UInt256? GasPrice { get; init; }

    public UInt256? MaxFeePerGas { get; init; }

    public UInt256? MaxPriorityFeePerGas { get; init; }

    public UInt256? Value { get; init; }

    public ReadOnlyMemory<byte>? Data { get; init; }

    internal JsonObject ToJson()
    {
        var json = new JsonObject();
        if (From is not null)
        {
            json["from"] = From.ToLowerHex();
        }

        if (To is not null)
        {
            json["to"] = To.ToLowerHex();
        }

        if (Gas is { } gas)
        {
            json["gas"] = ((UInt256)gas).ToQuantityString();
        }

        if (GasPrice is { } gasPrice)
        {
            json["gasPrice"] = gasPrice.ToQuantityString();
        }

        if (MaxFeePerGas is { } maxFee)
        {
            json["maxFeePerGas"] = maxFee.ToQuantityString();
        }

        if (MaxPriorityFeePerGas is { } tip)
        {
            json["maxPriorityFeePerGas"] = tip.ToQuantityString();
        }

        if (Value is { } value)
        {
            json["value"] = value.ToQuantityString();
        }

        if (Data is { } data)
        {
            // "input" is the current name; "data" is what older clients read. Both carry the same bytes.
            json["input"] = HexBytes.ToHex(data.Span);
            json["data"] = HexBytes.ToHex(data.Span);
        }

        return json;
    }
}
