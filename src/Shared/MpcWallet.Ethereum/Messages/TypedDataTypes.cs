using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Hashing;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Messages;

/// <summary>
/// The struct types of EIP-712 typed data (the <c>types</c> object of eth_signTypedData_v4) and the encoding rules
/// over them: encodeType (primary type first, then referenced types sorted by name), typeHash, encodeData and
/// hashStruct. Values come as System.Text.Json elements and are checked strictly against their declared types.
/// </summary>
public sealed partial class TypedDataTypes
{
    private const int MaxValueDepth = 64;

    private readonly Dictionary<string, TypedDataField[]> _types;
    private readonly Dictionary<string, byte[]> _typeHashes = new(StringComparer.Ordinal);

    private TypedDataTypes(Dictionary<string, TypedDataField[]> types) => _types = types;

    public IReadOnlyCollection<string> TypeNames => _types.Keys;

    /// <summary>Reads and validates a <c>types</c> object: every struct name valid, every field type known.</summary>
    public static TypedDataTypes FromJson(JsonElement types)
    {
        if (types.ValueKind != JsonValueKind.Object)
        {
            throw new TypedDataException("'types' must be a JSON object mapping type names to field lists.");
        }

        var parsed = new Dictionary<string, TypedDataField[]>(StringComparer.Ordinal);
        foreach (var type in types.EnumerateObject())
        {
            if (!IdentifierPattern().IsMatch(type.Name) || IsAtomicOrDynamic(type.Name))
            {
                throw new TypedDataException($"'{type.Name}' is not a valid struct type name.");
            }

            if (parsed.ContainsKey(type.Name))
            {
                throw new TypedDataException($"Type '{type.Name}' is defined twice.");
            }

            parsed[type.Name] = ReadFields(type.Name, type.Value);
        }

        foreach (var (typeName, fields) in parsed)
        {
            foreach (var field in fields)
            {
                var baseType = BaseType(field.Type, out _);
                if (!IsAtomicOrDynamic(baseType) && !parsed.ContainsKey(baseType))
                {
                    throw new TypedDataException($"Field '{typeName}.{field.Name}' has type '{field.Type}', which is neither an EIP-712 atomic type nor a defined struct.");
                }
            }
        }

        return new TypedDataTypes(parsed);
    }

    public bool Contains(string typeName) => _types.ContainsKey(typeName);

    public IReadOnlyList<TypedDataField> Fields(string typeName) => StructFields(typeName);

    /// <summary>encodeType: "Name(type1 name1,…)" for the primary type, then every referenced struct type sorted by name.</summary>
    public string EncodeType(string primaryType)
    {
        StructFields(primaryType);
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(primaryType, dependencies);
        dependencies.Remove(primaryType);
        var builder = new StringBuilder();
        foreach (var type in new[] { primaryType }.Concat(dependencies))
        {
            builder.Append(type).Append('(');
            builder.AppendJoin(',', _types[type].Select(field => field.Type + " " + field.Name));
            builder.Append(')');
        }

        return builder.ToString();
    }

    public byte[] TypeHash(string typeName)
    {
        lock (_typeHashes)
        {
            if (!_typeHashes.TryGetValue(typeName, out var hash))
            {
                hash = Keccak256.Hash(Encoding.UTF8.GetBytes(EncodeType(typeName)));
                _typeHashes[typeName] = hash;
            }

            return (byte[])hash.Clone();
        }
    }

    /// <summary>encodeData: typeHash followed by one 32-byte word per field.</summary>
    public byte[] EncodeData(string typeName, JsonElement value) => EncodeData(typeName, value, typeName, 0);

    /// <summary>hashStruct = keccak256(encodeData).</summary>
    public byte[] HashStruct(string typeName, JsonElement value) => Keccak256.Hash(EncodeData(typeName, value));

    private byte[] EncodeData(string typeName, JsonElement value, string path, int depth)
    {
        var fields = StructFields(typeName);
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new TypedDataException($"{path}: expected an object of type '{typeName}', found {value.ValueKind}.");
        }

        if (depth > MaxValueDepth)
        {
            throw new TypedDataException($"{path}: values nest deeper than {MaxValueDepth} levels.");
        }

        var output = new byte[32 * (fields.Length + 1)];
        TypeHash(typeName).CopyTo(output, 0);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var fieldPath = path + "." + field.Name;
            if (!value.TryGetProperty(field.Name, out var fieldValue))
            {
                throw new TypedDataException($"{fieldPath}: the value is missing.");
            }

            EncodeValue(field.Type, fieldValue, fieldPath, depth + 1).CopyTo(output, 32 * (i + 1));
        }

        return output;
    }

    /// <summary>The 32-byte word for one value: atomic values in place, dynamic values, arrays and structs hashed.</summary>
    private byte[] EncodeValue(string type, JsonElement value, string path, int depth)
    {
        if (depth > MaxValueDepth)
        {
            throw new TypedDataException($"{path}: values nest deeper than {MaxValueDepth} levels.");
        }

        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var elementType = type[..open];
            var lengthText = type[(open + 1)..^1];
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw new TypedDataException($"{path}: expected an array for '{type}', found {value.ValueKind}.");
            }

            var count = value.GetArrayLength();
            if (lengthText.Length > 0 && count != int.Parse(lengthText, CultureInfo.InvariantCulture))
            {
                throw new TypedDataException($"{path}: '{type}' needs exactly {lengthText} elements, found {count}.");
            }

            var concatenated = new byte[32 * count];
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                EncodeValue(elementType, element, $"{path}[{index}]", depth + 1).CopyTo(concatenated, 32 * index);
                index++;
            }

            return Keccak256.Hash(concatenated);
        }

        if (_types.ContainsKey(type))
        {
            return Keccak256.Hash(EncodeData(type, value, path, depth + 1));
        }

        return EncodeAtomicOrDynamic(type, value, path);
    }

    private static byte[] EncodeAtomicOrDynamic(string type, JsonElement value, string path)
    {
        switch (type)
        {
            case "string":
                return value.ValueKind == JsonValueKind.String
                    ? Keccak256.Hash(Encoding.UTF8.GetBytes(value.GetString()!))
                    : throw new TypedDataException($"{path}: expected a JSON string for 'string', found {value.ValueKind}.");
            case "bytes":
                return Keccak256.Hash(ReadHex(value, path, type));
            case "bool":
                return value.ValueKind switch
                {
                    JsonValueKind.True => Word(BigInteger.One),
                    JsonValueKind.False => Word(BigInteger.Zero),
                    _ => throw new TypedDataException($"{path}: expected true or false for 'bool', found {value.ValueKind}."),
                };
            case "address":
                if (value.ValueKind != JsonValueKind.String || !EthereumAddress.TryParse(value.GetString(), out var address))
                {
                    throw new TypedDataException($"{path}: expected a 0x-prefixed 20-byte address (a mixed-case one with a valid EIP-55 checksum).");
                }

                var word = new byte[32];
                address.Bytes.CopyTo(word.AsSpan(12));
                return word;
        }

        var match = SizedTypePattern().Match(type);
        var kind = match.Groups["kind"].Value;
        var size = int.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
        if (kind == "bytes")
        {
            var bytes = ReadHex(value, path, type);
            if (bytes.Length != size)
            {
                throw new TypedDataException($"{path}: '{type}' needs exactly {size} bytes, found {bytes.Length}.");
            }

            var word = new byte[32];
            bytes.CopyTo(word, 0);
            return word;
        }

        var integer = ReadInteger(value, path, type);
        var (min, max) = kind == "uint"
            ? (BigInteger.Zero, (BigInteger.One << size) - 1)
            : (-(BigInteger.One << (size - 1)), (BigInteger.One << (size - 1)) - 1);
        if (integer < min || integer > max)
        {
            throw new TypedDataException($"{path}: {integer} is out of range for '{type}'.");
        }

        return Word(integer.Sign < 0 ? (BigInteger.One << 256) + integer : integer);
    }

    private static byte[] Word(BigInteger nonNegative) => UInt256.FromBigInteger(nonNegative).ToBigEndian32();

    private static byte[] ReadHex(JsonElement value, string path, string type) =>
        value.ValueKind == JsonValueKind.String && HexBytes.TryParse(value.GetString(), out var bytes)
            ? bytes
            : throw new TypedDataException($"{path}: expected 0x-prefixed hex with an even number of digits for '{type}'.");

    /// <summary>Integers come as JSON numbers (no fraction or exponent), decimal strings, or 0x-hex strings.</summary>
    private static BigInteger ReadInteger(JsonElement value, string path, string type)
    {
        string? text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (text is not null && text.Length <= 80)
        {
            if (DecimalPattern().IsMatch(text))
            {
                return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }

            if (value.ValueKind == JsonValueKind.String && HexIntegerPattern().IsMatch(text))
            {
                return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }
        }

        throw new TypedDataException($"{path}: expected an integer for '{type}' (a JSON integer, a decimal string or a 0x-hex string).");
    }

    private TypedDataField[] StructFields(string typeName) =>
        _types.TryGetValue(typeName, out var fields)
            ? fields
            : throw new TypedDataException($"No struct type named '{typeName}' is defined.");

    private void CollectDependencies(string typeName, SortedSet<string> found)
    {
        if (!_types.TryGetValue(typeName, out var fields) || !found.Add(typeName))
        {
            return;
        }

        foreach (var field in fields)
        {
            CollectDependencies(BaseType(field.Type, out _), found);
        }
    }

    private static TypedDataField[] ReadFields(string typeName, JsonElement fields)
    {
        if (fields.ValueKind != JsonValueKind.Array)
        {
            throw new TypedDataException($"types.{typeName} must be an array of {{name, type}} objects.");
        }

        var result = new List<TypedDataField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object
                || !field.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !field.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw new TypedDataException($"types.{typeName}: every field needs string 'name' and 'type'.");
            }

            var fieldName = name.GetString()!;
            var fieldType = type.GetString()!;
            if (!IdentifierPattern().IsMatch(fieldName))
            {
                throw new TypedDataException($"types.{typeName}: '{fieldName}' is not a valid field name.");
            }

            if (!names.Add(fieldName))
            {
                throw new TypedDataException($"types.{typeName}: field '{fieldName}' appears twice.");
            }

            if (!FieldTypePattern().IsMatch(fieldType))
            {
                throw new TypedDataException($"types.{typeName}.{fieldName}: '{fieldType}' is not a valid type.");
            }

            result.Add(new TypedDataField(fieldName, fieldType));
        }

        return [.. result];
    }

    /// <summary>The type without array suffixes ("Person[][2]" → "Person").</summary>
    private static string BaseType(string type, out bool isArray)
    {
        var bracket = type.IndexOf('[', StringComparison.Ordinal);
        isArray = bracket >= 0;
        return isArray ? type[..bracket] : type;
    }

    private static bool IsAtomicOrDynamic(string type)
    {
        if (type is "string" or "bytes" or "bool" or "address")
        {
            return true;
        }

        var match = SizedTypePattern().Match(type);
        if (!match.Success || match.Groups["size"].Value.StartsWith('0'))
        {
            return false;
        }

        var size = int.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
        return match.Groups["kind"].Value == "bytes" ? size is >= 1 and <= 32 : size is >= 8 and <= 256 && size % 8 == 0;
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*\z")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*(\[([1-9][0-9]{0,5})?\])*\z")]
    private static partial Regex FieldTypePattern();

    [GeneratedRegex(@"^(?<kind>uint|int|bytes)(?<size>[0-9]{1,3})\z")]
    private static partial Regex SizedTypePattern();

    [GeneratedRegex(@"^-?[0-9]+\z")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+\z")]
    private static partial Regex HexIntegerPattern();
}
