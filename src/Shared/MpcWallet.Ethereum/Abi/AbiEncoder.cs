using System.Collections;
using System.Numerics;
using System.Text;
using MpcWallet.Ethereum.Addresses;
using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// The standard (non-packed) ABI encoding of values, as <c>abi.encode</c> produces it. Accepted values per type:
/// integers — <see cref="BigInteger"/>, <see cref="UInt256"/> or any built-in integer type, within the type's range;
/// address — <see cref="EthereumAddress"/> or its text (mixed case must be a valid EIP-55 checksum); bool —
/// <see cref="bool"/>; bytes&lt;M&gt; — exactly M bytes; bytes — bytes; byte values as byte[],
/// <see cref="ReadOnlyMemory{T}"/> or 0x-hex text; string — <see cref="string"/>; arrays — any enumerable (a fixed
/// array needs exactly its length); tuples — a positional enumerable or a dictionary keyed by component name.
/// </summary>
public static class AbiEncoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes values as the tuple of <paramref name="types"/> (function arguments, return values, error data).</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
        {
            throw new AbiException($"Expected {types.Count} values, got {values.Count}.");
        }

        return EncodeSequence(types, values, "", 0);
    }

    /// <summary>Encodes values for parameters (names are used in error messages and to read tuple dictionaries).</summary>
    public static byte[] Encode(IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Encode(parameters.Select(p => p.Type).ToArray(), values);
    }

    /// <summary>Encodes one value of one type.</summary>
    public static byte[] Encode(AbiType type, object? value) => Encode([type], [value]);

    private static byte[] EncodeSequence(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values, string path, int depth)
    {
        var headSize = types.Sum(t => t.HeadSize);
        var heads = new List<byte[]>(types.Count);
        var tails = new List<byte[]>();
        var tailOffset = headSize;
        for (var i = 0; i < types.Count; i++)
        {
            var encoded = EncodeValue(types[i], values[i], path.Length == 0 ? $"[{i}]" : $"{path}[{i}]", depth + 1);
            if (types[i].IsDynamic)
            {
                heads.Add(Word(tailOffset));
                tails.Add(encoded);
                tailOffset += encoded.Length;
            }
            else
            {
                heads.Add(encoded);
            }
        }

        var output = new byte[tailOffset];
        var position = 0;
        foreach (var part in heads.Concat(tails))
        {
            part.CopyTo(output, position);
            position += part.Length;
        }

        return output;
    }

    private static byte[] EncodeValue(AbiType type, object? value, string path, int depth)
    {
        if (depth > AbiSignatureParser.MaxDepth * 2)
        {
            throw new AbiException($"{path}: values nest too deeply.");
        }

        if (value is null)
        {
            throw new AbiException($"{path}: a {type} value is missing (null).");
        }

        switch (type)
        {
            case AbiIntegerType integer:
                return EncodeInteger(integer, ToBigInteger(value, path), path);
            case AbiAddressType:
                var address = value switch
                {
                    EthereumAddress a => a,
                    string text when EthereumAddress.TryParse(text, out var parsed) => parsed,
                    _ => throw new AbiException($"{path}: expected an address (0x + 40 hex digits, mixed case with a valid EIP-55 checksum), got {Describe(value)}."),
                };
                var addressWord = new byte[32];
                address.Bytes.CopyTo(addressWord.AsSpan(12));
                return addressWord;
            case AbiBoolType:
                return value is bool flag ? Word(flag ? 1 : 0) : throw new AbiException($"{path}: expected a bool, got {Describe(value)}.");
            case AbiFixedBytesType fixedBytes:
                var bytes = ToBytes(value, path);
                if (bytes.Length != fixedBytes.Size)
                {
                    throw new AbiException($"{path}: {type} takes exactly {fixedBytes.Size} bytes, got {bytes.Length}.");
                }

                var fixedWord = new byte[32];
                bytes.CopyTo(fixedWord, 0);
                return fixedWord;
            case AbiBytesType:
                return EncodeDynamicBytes(ToBytes(value, path));
            case AbiStringType:
                if (value is not string stringValue)
                {
                    throw new AbiException($"{path}: expected a string, got {Describe(value)}.");
                }

                try
                {
                    return EncodeDynamicBytes(StrictUtf8.GetBytes(stringValue));
                }
                catch (EncoderFallbackException e)
                {
                    throw new AbiException($"{path}: the string is not valid Unicode (lone surrogate).", e);
                }
            case AbiArrayType array:
                var elements = ToList(value, path, array.CanonicalName);
                if (array.Length is { } length && elements.Count != length)
                {
                    throw new AbiException($"{path}: {type} takes exactly {length} elements, got {elements.Count}.");
                }

                var body = EncodeSequence(Enumerable.Repeat(array.Element, elements.Count).ToArray(), elements, path, depth);
                return array.Length is null ? [.. Word(elements.Count), .. body] : body;
            case AbiTupleType tuple:
                return EncodeSequence(tuple.Components.Select(c => c.Type).ToArray(), TupleValues(tuple, value, path), path, depth);
            default:
                throw new AbiException($"{path}: unsupported type {type}.");
        }
    }

    internal static byte[] EncodeInteger(AbiIntegerType type, BigInteger value, string path)
    {
        if (!type.Contains(value))
        {
            throw new AbiException($"{path}: {value} is outside the range of {type} [{type.MinValue}, {type.MaxValue}].");
        }

        // Two's complement over 256 bits: a negative value is sign-extended with 0xff bytes.
        var word = value.Sign < 0 ? Enumerable.Repeat((byte)0xff, 32).ToArray() : new byte[32];
        var minimal = value.ToByteArray(isUnsigned: false, isBigEndian: true);
        if (value.Sign >= 0 && minimal.Length == 33)
        {
            minimal = minimal[1..];
        }

        minimal.CopyTo(word, 32 - minimal.Length);
        return word;
    }

    private static byte[] EncodeDynamicBytes(byte[] content)
    {
        var padded = (content.Length + 31) / 32 * 32;
        var output = new byte[32 + padded];
        Word(content.Length).CopyTo(output, 0);
        content.CopyTo(output, 32);
        return output;
    }

    private static byte[] Word(long value) => EncodeInteger(AbiIntegerType.UInt256, value, "");

    private static BigInteger ToBigInteger(object value, string path) => value switch
    {
        BigInteger big => big,
        UInt256 u => u.ToBigInteger(),
        byte b => b,
        sbyte sb => sb,
        short s => s,
        ushort us => us,
        int i => i,
        uint ui => ui,
        long l => l,
        ulong ul => ul,
        Int128 i128 => i128,
        UInt128 u128 => u128,
        _ => throw new AbiException($"{path}: expected an integer, got {Describe(value)}."),
    };

    private static byte[] ToBytes(object value, string path) => value switch
    {
        byte[] array => array,
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Memory<byte> memory => memory.ToArray(),
        string text when HexBytes.TryParse(text, out var parsed) => parsed,
        _ => throw new AbiException($"{path}: expected bytes (byte[] or 0x-hex text), got {Describe(value)}."),
    };

    private static List<object?> ToList(object value, string path, string typeName) =>
        value is IEnumerable enumerable and not string and not byte[] and not IDictionary
            ? enumerable.Cast<object?>().ToList()
            : throw new AbiException($"{path}: expected a list for {typeName}, got {Describe(value)}.");

    private static List<object?> TupleValues(AbiTupleType tuple, object value, string path)
    {
        if (value is IReadOnlyDictionary<string, object?> byName)
        {
            var values = new List<object?>(tuple.Components.Count);
            foreach (var component in tuple.Components)
            {
                if (component.Name.Length == 0 || !byName.TryGetValue(component.Name, out var componentValue))
                {
                    throw new AbiException($"{path}: the tuple value has no '{component.Name}' (give unnamed tuples as lists).");
                }

                values.Add(componentValue);
            }

            var unknown = byName.Keys.Where(k => tuple.Components.All(c => c.Name != k)).ToArray();
            return unknown.Length == 0 ? values : throw new AbiException($"{path}: the tuple has no component named {string.Join(", ", unknown)}.");
        }

        var list = ToList(value, path, tuple.CanonicalName);
        return list.Count == tuple.Components.Count
            ? list
            : throw new AbiException($"{path}: {tuple} takes {tuple.Components.Count} values, got {list.Count}.");
    }

    private static string Describe(object value) => value.GetType().Name;
}
