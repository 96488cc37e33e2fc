using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Client.Http;

namespace MpcWallet.Client.Transactions;

/// <summary>
/// <c>{"kind": "contractCall", "to", "abi", "function", "args", "value"}</c>: a function of the contract at
/// <see cref="To"/>, which the service encodes from <see cref="Abi"/> and simulates before it is signed (a call that
/// would revert is a 422 with the decoded reason).
/// </summary>
public sealed record ContractCallRequest : TransactionRequest
{
    public required string To { get; init; }

    /// <summary>
    /// A JSON ABI array (the compiler's output), one JSON ABI item, or a JSON string holding a human-readable
    /// fragment (<c>"function transfer(address to, uint256 amount)"</c>; see <see cref="Fragment"/>).
    /// </summary>
    public required JsonElement Abi { get; init; }

    /// <summary>The function's name, or its signature when the name is overloaded; may be left out when the ABI has one function.</summary>
    public string? Function { get; init; }

    /// <summary>A JSON array (positional) or object (by parameter name); integers as decimal strings, addresses as text.</summary>
    public JsonElement? Args { get; init; }

    /// <summary>Wei sent with the call (a payable function only; default 0).</summary>
    public BigInteger Value { get; init; }

    /// <summary>A human-readable fragment as the <see cref="Abi"/> value.</summary>
    public static JsonElement Fragment(string fragment) => JsonSerializer.SerializeToElement(fragment);

    /// <summary>Arguments from .NET values (strings, numbers, booleans, arrays), serialised as JSON.</summary>
    public static JsonElement Arguments(params object?[] values) => JsonSerializer.SerializeToElement(values, ClientJson.Options);

    private protected override void WriteKind(JsonObject body)
    {
        body["kind"] = "contractCall";
        body["to"] = To;
        body["abi"] = JsonNode.Parse(Abi.GetRawText());
        if (Function is not null)
        {
            body["function"] = Function;
        }

        if (Args is { } args)
        {
            body["args"] = JsonNode.Parse(args.GetRawText());
        }

        if (!Value.IsZero)
        {
            body["value"] = ClientJson.Decimal(Value);
        }
    }
}
