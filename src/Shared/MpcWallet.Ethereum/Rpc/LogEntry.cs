using System.Text.Json;
using MpcWallet.Ethereum.Addresses;

namespace MpcWallet.Ethereum.Rpc;

/// <summary>One event log of a receipt.</summary>
public sealed record LogEntry(EthereumAddress Address, IReadOnlyList<string> Topics, ReadOnlyMemory<byte> Data, ulong? LogIndex)
{
    internal static LogEntry Parse(JsonElement json)
    {
        const string What = "log";
        var topics = RpcJson.Array(RpcJson.Required(json, "topics"), What + ".topics")
            .Select(topic => RpcJson.Hash(topic, What + ".topics[]"))
            .ToList();
        return new LogEntry(
            RpcJson.Address(RpcJson.Required(json, "address"), What + ".address"),
            topics.AsReadOnly(),
            RpcJson.Data(RpcJson.Required(json, "data"), What + ".data"),
            RpcJson.OptionalQuantityUInt64(json, "logIndex", What));
    }
}
