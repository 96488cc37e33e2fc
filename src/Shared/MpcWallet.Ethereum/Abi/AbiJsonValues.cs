using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// ABI values to and from JSON, for REST bodies and resources. Reading is strict: integers as JSON integers or strings
/// (decimal with an optional '-' for int types, or 0x-hex without sign), never fractions or exponents; addresses as
/// strings (a mixed-case address must carry a valid EIP-55 checksum); bool only true/false; bytes&lt;M&gt; and bytes
/// as 0x-hex; string as a JSON string; arrays as JSON arrays; tuples as JSON arrays (positional) or objects with
/// exactly the component names. Writing: integers as decimal strings (JSON numbers lose precision past 2^53),
/// addresses EIP-55, bytes 0x-hex, tuples as objects when every component has a distinct name, else arrays.
/// </summary>
public static class AbiJsonValues
{
    /// <summary>Reads arguments for <paramref name="parameters"/> from a JSON array, or from an object keyed by parameter name.</summary>
    public static IReadOnlyList<object> FromJson(IReadOnlyList<AbiParameter> parameters, JsonElement arguments)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ReadComponents(parameters, arguments, "arguments", 0);
    }

    /// <summary>Reads one value of <paramref name="type"/>.</summary>
    public static object FromJson(AbiType type, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Read(type, value, "value", 0);
    }

    /// <summary>Writes decoded values of <paramref name="parameters"/> as an object keyed by name (an array when names are missing or repeated).</summary>
    public static JsonNode ToJson(IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        return WriteComponents(parameters, values);
    }

    /// <summary>Writes one decoded value of <paramref name="type"/>.</summary>
    public static JsonNode ToJson(AbiType type, object value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Write(type, value);
    }

    private static object Read(AbiType type, JsonElement value, string path, int depth)
    {
        if (depth > AbiSignatureParser.MaxDepth * 2)
        {
            throw new AbiException($"{path}: values nest too deeply.");
        }

        switch (type)
        {
            case AbiIntegerType integer:
                var number = ReadInteger(value, integer.IsSigned, path);
                return integer.Contains(number) ? number : throw new AbiException($"{path}: {number} is outside the range of {integer}.");
            case AbiAddressType:
                return value.ValueKind == JsonValueKind.String && EthereumAddress.TryParse(value.GetString(), out var address)
                    ? address
                    : throw new AbiException($"{path}: expected an address string (0x + 40 hex digits; mixed case must be a valid EIP-55 checksum).");
            case AbiBoolType:
                return value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new AbiException($"{path}: expected true or false."),
                };
            case AbiFixedBytesType fixedBytes:
                var fixedValue = ReadHex(value, path);
                return fixedValue.Length == fixedBytes.Size
                    ? fixedValue
                    : throw new AbiException($"{path}: {type} takes exactly {fixedBytes.Size} bytes, got {fixedValue.Length}.");
            case AbiBytesType:
                return ReadHex(value, path);
            case AbiStringType:
                return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new AbiException($"{path}: expected a JSON string.");
            case AbiArrayType array:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw new AbiException($"{path}: expected a JSON array for {type}.");
                }

                var length = value.GetArrayLength();
                if (array.Length is { } fixedLength && length != fixedLength)
                {
                    throw new AbiException($"{path}: {type} takes exactly {fixedLength} elements, got {length}.");
                }

                return value.EnumerateArray().Select((element, i) => Read(array.Element, element, $"{path}[{i}]", depth + 1)).ToArray();
            case AbiTupleType tuple:
                return ReadComponents(tuple.Components, value, path, depth + 1);
            default:
                throw new AbiException($"{path}: unsupported type {type}.");
        }
    }

    private static object[] ReadComponents(IReadOnlyList<AbiParameter> components, JsonElement value, string path, int depth)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var count = value.GetArrayLength();
            if (count != components.Count)
            {
                throw new AbiException($"{path}: expected {components.Count} values, got {count}.");
            }

            return value.EnumerateArray().Select((element, i) => Read(components[i].Type, element, $"{path}[{i}]", depth)).ToArray();
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new AbiException($"{path}: expected a JSON array (positional) or object (by name).");
        }

        var values = new object[components.Count];
        for (var i = 0; i < components.Count; i++)
        {
            var name = components[i].Name;
            if (name.Length == 0 || !value.TryGetProperty(name, out var element))
            {
                throw new AbiException($"{path}: '{(name.Length == 0 ? $"#{i}" : name)}' is missing (components without a name must be given positionally).");
            }

            values[i] = Read(components[i].Type, element, $"{path}.{name}", depth);
        }

        foreach (var property in value.EnumerateObject())
        {
            if (components.All(c => c.Name != property.Name))
            {
                throw new AbiException($"{path}: there is no component named '{property.Name}'.");
            }
        }

        return values;
    }

    private static BigInteger ReadInteger(JsonElement value, bool signed, string path)
    {
        string text;
        if (value.ValueKind == JsonValueKind.Number)
        {
            text = value.GetRawText();
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString()!;
            if (text.StartsWith("0x", StringComparison.Ordinal))
            {
                return UInt256.TryParseQuantity(text, out var quantity) || (text.Length <= 66 && TryHexWithLeadingZeros(text, out quantity))
                    ? quantity.ToBigInteger()
                    : throw new AbiException($"{path}: '{text}' is not a 0x-hex integer of at most 256 bits.");
            }
        }
        else
        {
            throw new AbiException($"{path}: expected an integer (JSON integer, decimal string or 0x-hex string).");
        }

        var digits = text.StartsWith('-') && signed ? text[1..] : text;
        if (digits.Length is 0 or > 78 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0'))
        {
            throw new AbiException($"{path}: '{text}' is not a{(signed ? "" : "n unsigned")} decimal integer (no fractions, exponents or leading zeros).");
        }

        return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    /// <summary>0x-hex integers in arguments may carry leading zeros (people paste 32-byte words); QUANTITY rules are for JSON-RPC.</summary>
    private static bool TryHexWithLeadingZeros(string text, out UInt256 value)
    {
        value = default;
        var digits = text[2..].TrimStart('0');
        return digits.Length == 0
            ? text.Length > 2
            : UInt256.TryParseQuantity("0x" + digits, out value);
    }

    private static byte[] ReadHex(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && HexBytes.TryParse(value.GetString(), out var bytes)
            ? bytes
            : throw new AbiException($"{path}: expected 0x-hex bytes with an even number of digits.");

    private static JsonNode Write(AbiType type, object value) => type switch
    {
        AbiIntegerType => JsonValue.Create(((BigInteger)value).ToString(CultureInfo.InvariantCulture)),
        AbiAddressType => JsonValue.Create(((EthereumAddress)value).ToChecksumString()),
        AbiBoolType => JsonValue.Create((bool)value),
        AbiFixedBytesType or AbiBytesType => JsonValue.Create(HexBytes.ToHex((byte[])value)),
        AbiStringType => JsonValue.Create((string)value),
        AbiArrayType array => new JsonArray(((IReadOnlyList<object>)value).Select(element => (JsonNode?)Write(array.Element, element)).ToArray()),
        AbiTupleType tuple => WriteComponents(tuple.Components, (IReadOnlyList<object>)value),
        _ => throw new AbiException($"unsupported type {type}."),
    };

    private static JsonNode WriteComponents(IReadOnlyList<AbiParameter> components, IReadOnlyList<object> values)
    {
        if (components.Count != values.Count)
        {
            throw new AbiException($"Expected {components.Count} values, got {values.Count}.");
        }

        var named = components.All(c => c.Name.Length > 0) && components.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == components.Count;
        if (!named)
        {
            return new JsonArray(components.Select((c, i) => (JsonNode?)Write(c.Type, values[i])).ToArray());
        }

        var output = new JsonObject();
        for (var i = 0; i < components.Count; i++)
        {
            output[components[i].Name] = Write(components[i].Type, values[i]);
        }

        return output;
    }
}
