using System.Numerics;
using System.Text.Json.Nodes;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary>
/// A transaction to create. What every kind shares — the chain and optional gas settings (omitted ones are
/// estimated by the service) — lives here; each kind is a subclass (<see cref="TransferRequest"/> now; token
/// transfers and contract calls join as new subclasses).
/// </summary>
public abstract record TransactionRequest
{
    private protected TransactionRequest()
    {
    }

    public required ulong ChainId { get; init; }

    public BigInteger? GasLimit { get; init; }

    public BigInteger? MaxFeePerGas { get; init; }

    public BigInteger? MaxPriorityFeePerGas { get; init; }

    internal JsonObject ToJson()
    {
        var body = new JsonObject { ["chainId"] = ChainId };
        WriteKind(body);
        Optional(body, "gasLimit", GasLimit);
        Optional(body, "maxFeePerGas", MaxFeePerGas);
        Optional(body, "maxPriorityFeePerGas", MaxPriorityFeePerGas);
        return body;
    }

    /// <summary>Adds the members of this kind of transaction to the body.</summary>
    private protected abstract void WriteKind(JsonObject body);

    private static void Optional(JsonObject body, string name, BigInteger? value)
    {
        if (value is { } v)
        {
            body[name] = ClientJson.Decimal(v);
        }
    }
}
