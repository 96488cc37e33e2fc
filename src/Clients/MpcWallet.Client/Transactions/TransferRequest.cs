using System.Numerics;
using System.Text.Json.Nodes;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary>
/// <c>{"chainId", "to", "value", "data", …}</c>: ether to <see cref="To"/>, optionally with call data — which makes it a
/// contract call the service signs like any other (it never signs a blind digest).
/// </summary>
public sealed record TransferRequest : TransactionRequest
{
    public required string To { get; init; }

    /// <summary>Wei (default 0).</summary>
    public BigInteger Value { get; init; }

    /// <summary>0x-hex call data (default none).</summary>
    public string? Data { get; init; }

    private protected override void WriteKind(JsonObject body)
    {
        body["to"] = To;
        body["value"] = ClientJson.Decimal(Value);
        if (!string.IsNullOrEmpty(Data) && Data != "0x")
        {
            body["data"] = Data;
        }
    }
}
