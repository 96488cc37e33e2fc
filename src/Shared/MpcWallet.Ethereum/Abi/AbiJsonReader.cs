using System.Globalization;
using System.Text.Json;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// Reads items of a JSON ABI (the compiler's "abi" output): {"type", "name", "inputs", "outputs",
/// "stateMutability", "anonymous"} with parameters {"name", "type", "components", "indexed"}; "internalType" is ignored.
/// </summary>
internal static class AbiJsonReader
{
    public static AbiFragment ReadItem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new AbiException("An ABI item is a JSON object.");
        }

        // "function" is the default item type (the spec allows leaving it out).
        var kind = OptionalString(item, "type") ?? "function";
        var name = OptionalString(item, "name") ?? "";
        if (kind is "function" or "error" or "event" && name.Length == 0)
        {
            throw new AbiException($"A {kind} item needs a name.");
        }

        var inputs = Parameters(item, "inputs", allowIndexed: kind == "event", 0);
        var outputs = Parameters(item, "outputs", allowIndexed: false, 0);
        var mutability = OptionalString(item, "stateMutability") ?? (item.TryGetProperty("payable", out var payable) && payable.ValueKind == JsonValueKind.True ? "payable" : "nonpayable");
        var anonymous = item.TryGetProperty("anonymous", out var anon) && anon.ValueKind == JsonValueKind.True;
        return new AbiFragment(kind, name, inputs, outputs, mutability, anonymous);
    }

    private static List<AbiParameter> Parameters(JsonElement owner, string property, bool allowIndexed, int depth)
    {
        if (!owner.TryGetProperty(property, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"'{property}' must be an array of parameters.");
        }

        return list.EnumerateArray().Select(p => Parameter(p, allowIndexed, depth)).ToList();
    }

    private static AbiParameter Parameter(JsonElement parameter, bool allowIndexed, int depth)
    {
        if (depth >= AbiSignatureParser.MaxDepth)
        {
            throw new AbiException($"Tuple components nest deeper than {AbiSignatureParser.MaxDepth} levels.");
        }

        if (parameter.ValueKind != JsonValueKind.Object)
        {
            throw new AbiException("A parameter is a JSON object with a 'type'.");
        }

        var type = OptionalString(parameter, "type") ?? throw new AbiException("A parameter needs a 'type'.");
        var name = OptionalString(parameter, "name") ?? "";
        var indexed = parameter.TryGetProperty("indexed", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (indexed && !allowIndexed)
        {
            throw new AbiException($"Only event parameters can be indexed ('{name}').");
        }

        return new AbiParameter(name, ReadType(type, parameter, depth), indexed);
    }

    private static AbiType ReadType(string type, JsonElement parameter, int depth)
    {
        if (!type.StartsWith("tuple", StringComparison.Ordinal))
        {
            return AbiType.Parse(type);
        }

        var components = Parameters(parameter, "components", allowIndexed: false, depth + 1);
        if (components.Count == 0)
        {
            throw new AbiException($"'{type}' needs 'components'.");
        }

        AbiType result = new AbiTupleType(components);
        var suffix = type.AsSpan("tuple".Length);
        while (suffix.Length > 0)
        {
            var close = suffix.IndexOf(']');
            if (suffix[0] != '[' || close < 0)
            {
                throw new AbiException($"'{type}' is not a tuple type with array suffixes.");
            }

            var digits = suffix[1..close];
            int? length = null;
            if (digits.Length > 0)
            {
                if (digits.Length > 9 || digits[0] == '0' || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    throw new AbiException($"'{type}' has an invalid array length.");
                }

                length = parsed;
            }

            result = new AbiArrayType(result, length);
            suffix = suffix[(close + 1)..];
        }

        return result;
    }

    private static string? OptionalString(JsonElement owner, string property) =>
        !owner.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new AbiException($"'{property}' must be a string.");
}
