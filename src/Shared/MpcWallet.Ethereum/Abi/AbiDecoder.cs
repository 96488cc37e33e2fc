using System.Numerics;
using System.Text;
using MpcWallet.Ethereum.Addresses;

namespace MpcWallet.Ethereum.Abi;

/// <summary>
/// Strict decoding of the standard ABI encoding: only the canonical encoding of some value is accepted, i.e. exactly
/// what <see cref="AbiEncoder"/> (and solc) would produce. Refused, with an <see cref="AbiException"/> naming the place:
/// reads past the end; an offset that does not point exactly where the canonical encoding puts that tail (so no
/// overlapping, reordered or gapped tails); a length that cannot fit in the remaining bytes (checked before anything
/// is allocated); integers not zero- or sign-extended to 32 bytes; bool other than 0/1; address or bytes&lt;M&gt;
/// padding that is not zero; non-zero padding after bytes/string content; invalid UTF-8 in a string; bytes left over
/// after the value. Decoded values: integers <see cref="BigInteger"/>, address <see cref="EthereumAddress"/>, bool,
/// byte[] for bytes&lt;M&gt; and bytes, string, and <see cref="IReadOnlyList{T}"/> of values for arrays and tuples.
/// </summary>
public static class AbiDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the tuple of <paramref name="types"/> that must span all of <paramref name="data"/>.</summary>
    public static IReadOnlyList<object> Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        var (values, end) = DecodeSequence(types, data, 0, "", 0);
        return end == data.Length
            ? values
            : throw new AbiException($"{data.Length - end} bytes follow the encoded values.");
    }

    public static IReadOnlyList<object> Decode(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Decode(parameters.Select(p => p.Type).ToArray(), data);
    }

    /// <summary>Decodes one value of one type that must span all of <paramref name="data"/>.</summary>
    public static object Decode(AbiType type, ReadOnlySpan<byte> data) => Decode([type], data)[0];

    /// <summary>
    /// Decodes a sequence encoded at <paramref name="start"/> (offsets inside it are relative to it) and returns its
    /// values and the position just after its last tail.
    /// </summary>
    private static (object[] Values, int End) DecodeSequence(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data, int start, string path, int depth)
    {
        long headSize = 0;
        foreach (var type in types)
        {
            headSize += type.HeadSize;
        }

        if (start + headSize > data.Length)
        {
            throw new AbiException($"{Where(path)}: the head needs {headSize} bytes at {start}, only {data.Length - start} remain.");
        }

        var values = new object[types.Count];
        var head = start;
        var cursor = start + (int)headSize;
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            var elementPath = $"{path}[{i}]";
            if (type.IsDynamic)
            {
                var offset = ReadLength(data, head, elementPath, "offset");
                if (offset != cursor - start)
                {
                    throw new AbiException($"{elementPath}: offset {offset} is not the canonical {cursor - start}.");
                }

                (values[i], cursor) = DecodeValue(type, data, cursor, elementPath, depth + 1);
            }
            else
            {
                (values[i], _) = DecodeValue(type, data, head, elementPath, depth + 1);
            }

            head += type.HeadSize;
        }

        return (values, cursor);
    }

    private static (object Value, int End) DecodeValue(AbiType type, ReadOnlySpan<byte> data, int position, string path, int depth)
    {
        if (depth > AbiSignatureParser.MaxDepth * 2)
        {
            throw new AbiException($"{path}: values nest too deeply.");
        }

        switch (type)
        {
            case AbiIntegerType integer:
                return (ReadInteger(integer, WordAt(data, position, path), path), position + 32);
            case AbiAddressType:
                var addressWord = WordAt(data, position, path);
                RequireZero(addressWord[..12], path, "address padding");
                return (EthereumAddress.FromBytes(addressWord[12..]), position + 32);
            case AbiBoolType:
                var flag = ReadInteger(AbiIntegerType.UInt256, WordAt(data, position, path), path);
                return flag.IsZero ? (false, position + 32)
                    : flag.IsOne ? (true, position + 32)
                    : throw new AbiException($"{path}: a bool is 0 or 1, not {flag}.");
            case AbiFixedBytesType fixedBytes:
                var fixedWord = WordAt(data, position, path);
                RequireZero(fixedWord[fixedBytes.Size..], path, $"{type} padding");
                return (fixedWord[..fixedBytes.Size].ToArray(), position + 32);
            case AbiBytesType:
                var (bytes, bytesEnd) = ReadDynamicBytes(data, position, path);
                return (bytes, bytesEnd);
            case AbiStringType:
                var (utf8, stringEnd) = ReadDynamicBytes(data, position, path);
                try
                {
                    return (StrictUtf8.GetString(utf8), stringEnd);
                }
                catch (DecoderFallbackException e)
                {
                    throw new AbiException($"{path}: the string is not valid UTF-8.", e);
                }

            case AbiArrayType array:
                var count = array.Length ?? ReadLength(data, position, path, "array length");
                var elementsStart = array.Length is null ? position + 32 : position;

                // Every element takes at least its head size: refuse counts the data cannot hold before allocating.
                if ((long)count * array.Element.HeadSize > data.Length - elementsStart)
                {
                    throw new AbiException($"{path}: {count} elements of {array.Element} cannot fit in the {Math.Max(0, data.Length - elementsStart)} bytes left.");
                }

                var (elements, arrayEnd) = DecodeSequence(Enumerable.Repeat(array.Element, count).ToArray(), data, elementsStart, path, depth);
                return (elements, arrayEnd);
            case AbiTupleType tuple:
                var (components, tupleEnd) = DecodeSequence(tuple.Components.Select(c => c.Type).ToArray(), data, position, path, depth);
                return (components, tupleEnd);
            default:
                throw new AbiException($"{path}: unsupported type {type}.");
        }
    }

    /// <summary>Reads an integer word, which must be the 256-bit zero- or sign-extension of a value of the type.</summary>
    private static BigInteger ReadInteger(AbiIntegerType type, ReadOnlySpan<byte> word, string path)
    {
        var value = new BigInteger(word, isUnsigned: !type.IsSigned, isBigEndian: true);
        return type.Contains(value)
            ? value
            : throw new AbiException($"{Where(path)}: 0x{Convert.ToHexStringLower(word)} is not a {(type.IsSigned ? "sign" : "zero")}-extended {type}.");
    }

    private static (byte[] Content, int End) ReadDynamicBytes(ReadOnlySpan<byte> data, int position, string path)
    {
        var length = ReadLength(data, position, path, "length");
        var padded = (length + 31L) / 32 * 32;
        if (position + 32 + padded > data.Length)
        {
            throw new AbiException($"{path}: {length} bytes (padded to {padded}) do not fit in the {data.Length - position - 32} bytes left.");
        }

        var content = data.Slice(position + 32, length);
        RequireZero(data.Slice(position + 32 + length, (int)padded - length), path, "padding after the content");
        return (content.ToArray(), position + 32 + (int)padded);
    }

    /// <summary>An offset or length word: a uint256 that must also fit the data we have.</summary>
    private static int ReadLength(ReadOnlySpan<byte> data, int position, string path, string what)
    {
        var word = WordAt(data, position, path);
        var value = ReadInteger(AbiIntegerType.UInt256, word, path);
        return value <= data.Length
            ? (int)value
            : throw new AbiException($"{path}: the {what} {value} exceeds the {data.Length} bytes of data.");
    }

    private static ReadOnlySpan<byte> WordAt(ReadOnlySpan<byte> data, int position, string path) =>
        position >= 0 && position + 32 <= data.Length
            ? data.Slice(position, 32)
            : throw new AbiException($"{Where(path)}: a 32-byte word at {position} runs past the {data.Length} bytes of data.");

    private static void RequireZero(ReadOnlySpan<byte> bytes, string path, string what)
    {
        if (bytes.ContainsAnyExcept((byte)0))
        {
            throw new AbiException($"{path}: the {what} must be zero bytes.");
        }
    }

    private static string Where(string path) => path.Length == 0 ? "the values" : path;
}
