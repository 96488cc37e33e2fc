using System.Text.Json;
using MpcWallet.Ethereum.Abi;
using MpcWallet.Transactions.Persistence;

namespace MpcWallet.Transactions.Api;

/// <summary>
/// The function of a <c>contractCall</c> body and its call data. <c>abi</c> is a JSON ABI item (one function), a JSON
/// ABI array (the compiler's output; <c>function</c> picks the function by name, or by signature when the name is
/// overloaded) or a human-readable fragment (<c>"function transfer(address to, uint256 amount)"</c>); with a single
/// function, <c>function</c> may be left out and must otherwise name it. <c>args</c> (default none) is a JSON array
/// or an object keyed by parameter name, read strictly (<see cref="AbiJsonValues"/>).
/// </summary>
internal static class ContractCallParser
{
    private static readonly JsonElement NoArguments = JsonSerializer.SerializeToElement(Array.Empty<object>());

    public static ParsedContractCall? Parse(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!RequestFields.Has(body, "abi"))
        {
            errors["abi"] = ["abi is required: a JSON ABI item or array, or a fragment such as \"function transfer(address to, uint256 amount)\""];
            return null;
        }

        string? name = null;
        if (RequestFields.Has(body, "function"))
        {
            var element = body.GetProperty("function");
            if (element.ValueKind != JsonValueKind.String || element.GetString()!.Length == 0)
            {
                errors["function"] = ["function must be a function name or signature"];
                return null;
            }

            name = element.GetString()!;
        }

        var (function, customErrors, errorItems) = Function(body.GetProperty("abi"), name, errors);
        if (function is null)
        {
            return null;
        }

        var args = RequestFields.Has(body, "args") ? body.GetProperty("args") : NoArguments;
        try
        {
            var data = function.EncodeCall(AbiJsonValues.FromJson(function.Inputs, args));
            // The resource shows the arguments as encoded (decoded back): integers as decimal strings, addresses EIP-55.
            var shown = JsonSerializer.SerializeToElement(AbiJsonValues.ToJson(function.Inputs, function.DecodeCall(data)));
            return new ParsedContractCall(function, data, new ContractCallDetails(function.Signature, shown), customErrors, errorItems);
        }
        catch (Exception e) when (e is AbiException or ArgumentException or FormatException or OverflowException)
        {
            errors["args"] = [$"args do not fit {function.Signature}: {e.Message}"];
            return null;
        }
    }

    private static (AbiFunction? Function, IReadOnlyList<AbiError> Errors, IReadOnlyList<JsonElement> Items) Function(JsonElement abi, string? name, Dictionary<string, string[]> errors)
    {
        try
        {
            switch (abi.ValueKind)
            {
                case JsonValueKind.Array:
                    if (name is null)
                    {
                        errors["function"] = ["function is required with an ABI array: the name, or the signature of an overloaded function"];
                        return (null, [], []);
                    }

                    var contract = ContractAbi.FromJson(abi);
                    var items = abi.EnumerateArray()
                        .Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "error")
                        .Select(i => i.Clone())
                        .ToArray();
                    return (contract.Function(name), contract.Errors, items);
                case JsonValueKind.Object:
                    return (Matching(AbiFunction.FromJson(abi), name, errors), [], []);
                case JsonValueKind.String:
                    return (Matching(AbiFunction.Parse(abi.GetString()!), name, errors), [], []);
                default:
                    errors["abi"] = ["abi must be a JSON ABI item or array, or a human-readable function fragment"];
                    return (null, [], []);
            }
        }
        catch (Exception e) when (e is AbiException or ArgumentException or FormatException or OverflowException)
        {
            // A function the ABI lacks (or an ambiguous name) is about "function"; anything else about "abi".
            var field = name is not null && e.Message.Contains(name, StringComparison.Ordinal) && abi.ValueKind == JsonValueKind.Array ? "function" : "abi";
            errors[field] = [$"{field}: {e.Message}"];
            return (null, [], []);
        }
    }

    private static AbiFunction? Matching(AbiFunction function, string? name, Dictionary<string, string[]> errors)
    {
        if (name is null || name == function.Name || name == function.Signature)
        {
            return function;
        }

        errors["function"] = [$"function '{name}' is not the ABI's function {function.Signature}"];
        return null;
    }
}
