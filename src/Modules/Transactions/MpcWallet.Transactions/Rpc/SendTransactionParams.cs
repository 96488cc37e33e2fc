using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Quantities;
using MpcWallet.Transactions.Api;
using MpcWallet.Transactions.Lifecycle;
using MpcWallet.Transactions.Chains;

namespace MpcWallet.Transactions.Rpc;

/// <summary>
/// Reads <c>eth_sendTransaction</c>'s transaction object into the service's <see cref="TransactionRequest"/> through
/// the REST parser (one set of rules for both doors): <c>from</c> must be the wallet; <c>to</c> is required (no
/// contract creation); <c>value</c>, <c>gas</c>, <c>maxFeePerGas</c>, <c>maxPriorityFeePerGas</c> and
/// <c>nonce</c> are strict QUANTITYs; <c>data</c> or <c>input</c> (equal when both); <c>type</c> only 0x2,
/// <c>chainId</c> only the endpoint's chain, <c>accessList</c> only empty; <c>gasPrice</c> (legacy pricing) and any
/// other member are refused rather than ignored. A given <c>nonce</c> must be the wallet's next one (checked when
/// the nonce is taken): the service assigns nonces, and a client meaning to replace a pending transaction must not
/// get a second one instead (replacing goes through <c>/v1/transactions/{id}/speedup</c> or <c>cancel</c>).
/// </summary>
internal static class SendTransactionParams
{
    private static readonly HashSet<string> Members = ["from", "to", "value", "data", "input", "gas", "maxFeePerGas", "maxPriorityFeePerGas", "nonce", "type", "chainId", "accessList", "gasPrice"];

    public static (TransactionRequest? Request, JsonRpcError? Error) Read(WalletRpcContext context, Chain chain, JsonRpcRequest request)
    {
        if (request.ByName || request.Count != 1 || request.Param(0) is not { ValueKind: JsonValueKind.Object } tx)
        {
            return (null, JsonRpcError.InvalidParams("eth_sendTransaction takes [transaction object]"));
        }

        foreach (var member in tx.EnumerateObject())
        {
            if (!Members.Contains(member.Name))
            {
                return (null, JsonRpcError.InvalidParams($"{JsonRpcEnvelope.Shorten(member.Name)} is not a member of a transaction this endpoint sends"));
            }
        }

        if (MessageRequests.OwnAddress(context, Member(tx, "from")) is { } wrongFrom)
        {
            return (null, wrongFrom);
        }

        if (Member(tx, "to") is null)
        {
            return (null, JsonRpcError.InvalidParams("to is required: contract creation is not supported"));
        }

        if (Member(tx, "gasPrice") is not null)
        {
            return (null, JsonRpcError.InvalidParams("gasPrice (legacy pricing) is not supported: give maxFeePerGas and maxPriorityFeePerGas, or no fees"));
        }

        if (Member(tx, "type") is { } type && !(type.ValueKind == JsonValueKind.String && type.GetString() == "0x2"))
        {
            return (null, JsonRpcError.InvalidParams("type must be 0x2 (EIP-1559)"));
        }

        if (Member(tx, "accessList") is { } accessList && !(accessList.ValueKind == JsonValueKind.Array && accessList.GetArrayLength() == 0))
        {
            return (null, JsonRpcError.InvalidParams("accessList must be empty: access lists are not supported"));
        }

        var errors = new Dictionary<string, string[]>();
        var chainId = Quantity(tx, "chainId", errors);
        if (chainId is { } given && given != chain.Id)
        {
            return (null, JsonRpcError.InvalidParams($"chainId {given} is not this endpoint's chain {chain.Id}"));
        }

        var body = new JsonObject { ["chainId"] = chain.Id, ["to"] = JsonNode.Parse(Member(tx, "to")!.Value.GetRawText()) };
        foreach (var (name, field) in new[] { ("value", "value"), ("gas", "gasLimit"), ("maxFeePerGas", "maxFeePerGas"), ("maxPriorityFeePerGas", "maxPriorityFeePerGas") })
        {
            if (Quantity(tx, name, errors) is { } quantity)
            {
                body[field] = quantity.ToString();
            }
        }

        var nonce = Quantity(tx, "nonce", errors);
        if (nonce is { } n && n > (UInt256)(ulong)long.MaxValue)
        {
            errors["nonce"] = ["nonce is out of range"];
        }

        var (data, input) = (Member(tx, "data"), Member(tx, "input"));
        if (data is { } d && input is { } i && d.GetRawText() != i.GetRawText())
        {
            errors["input"] = ["data and input differ; give one"];
        }
        else if ((data ?? input) is { } payload)
        {
            body["data"] = JsonNode.Parse(payload.GetRawText());
        }

        if (errors.Count > 0)
        {
            return (null, JsonRpcError.InvalidParams(Describe(errors), errors));
        }

        var (parsed, problems) = TransactionRequestParser.Parse(JsonSerializer.SerializeToElement(body));
        if (parsed is null)
        {
            var named = problems.ToDictionary(p => p.Key == "gasLimit" ? "gas" : p.Key, p => p.Value);
            return (null, JsonRpcError.InvalidParams(Describe(named), named));
        }

        return (parsed with { Nonce = nonce is { } expected ? (long)(ulong)expected : null }, null);
    }

    private static JsonElement? Member(JsonElement tx, string name) =>
        tx.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static UInt256? Quantity(JsonElement tx, string name, Dictionary<string, string[]> errors)
    {
        if (Member(tx, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && UInt256.TryParseQuantity(value.GetString(), out var quantity))
        {
            return quantity;
        }

        errors[name] = [$"{name} must be a QUANTITY (0x-hex without leading zeros)"];
        return null;
    }

    private static string Describe(Dictionary<string, string[]> errors) => string.Join("; ", errors.SelectMany(e => e.Value));
}
