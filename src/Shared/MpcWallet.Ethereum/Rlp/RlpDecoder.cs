namespace MpcWallet.Ethereum.Rlp;

/// <summary>
/// Strict RLP decoding of untrusted bytes: accepts only canonical encodings and throws <see cref="RlpException"/>
/// for anything else — a single byte below 0x80 wrapped as a string, the long form for lengths ≤ 55, length
/// prefixes with leading zeros, lengths that run past their container, and trailing bytes. Bounded by
/// <see cref="RlpLimits"/> (input length, nesting depth).
/// </summary>
public static class RlpDecoder
{
    public static RlpItem Decode(ReadOnlySpan<byte> input) => Decode(input, RlpLimits.Default);

    public static RlpItem Decode(ReadOnlySpan<byte> input, RlpLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (input.Length > limits.MaxInputLength)
        {
            throw new RlpException($"The input has {input.Length} bytes, more than the limit of {limits.MaxInputLength}.");
        }

        if (input.IsEmpty)
        {
            throw new RlpException("The input is empty.");
        }

        var position = 0;
        var item = ReadItem(input, ref position, 0, limits.MaxDepth);
        return position == input.Length
            ? item
            : throw new RlpException($"{input.Length - position} trailing bytes after the RLP item.");
    }

    private static RlpItem ReadItem(ReadOnlySpan<byte> input, ref int position, int depth, int maxDepth)
    {
        var (isList, payloadStart, payloadLength) = ReadHeader(input, position);
        var payload = input.Slice(payloadStart, payloadLength);
        position = payloadStart + payloadLength;
        if (!isList)
        {
            return RlpItem.WrapBytes(payload.ToArray());
        }

        if (depth + 1 > maxDepth)
        {
            throw new RlpException($"Lists nest deeper than the limit of {maxDepth}.");
        }

        var items = new List<RlpItem>();
        var inner = 0;
        while (inner < payload.Length)
        {
            items.Add(ReadItem(payload, ref inner, depth + 1, maxDepth));
        }

        return RlpItem.WrapList([.. items]);
    }

    /// <summary>Reads the header at <paramref name="position"/>; the payload it announces is inside <paramref name="input"/>.</summary>
    private static (bool IsList, int PayloadStart, int PayloadLength) ReadHeader(ReadOnlySpan<byte> input, int position)
    {
        var prefix = input[position];
        var remaining = input.Length - position - 1;
        switch (prefix)
        {
            case < 0x80:
                return (false, position, 1);
            case <= 0xb7:
            {
                var length = prefix - 0x80;
                Require(length <= remaining, "The string runs past the end of its container.");
                Require(length != 1 || input[position + 1] >= 0x80, "A single byte below 0x80 must encode as itself (non-canonical 0x81 form).");
                return (false, position + 1, length);
            }

            case <= 0xbf:
            {
                var length = ReadLongLength(input, position, prefix - 0xb7, remaining);
                return (false, position + 1 + (prefix - 0xb7), length);
            }

            case <= 0xf7:
            {
                var length = prefix - 0xc0;
                Require(length <= remaining, "The list runs past the end of its container.");
                return (true, position + 1, length);
            }

            default:
            {
                var length = ReadLongLength(input, position, prefix - 0xf7, remaining);
                return (true, position + 1 + (prefix - 0xf7), length);
            }
        }
    }

    private static int ReadLongLength(ReadOnlySpan<byte> input, int position, int lengthOfLength, int remaining)
    {
        Require(lengthOfLength <= remaining, "The length prefix runs past the end of its container.");
        var lengthBytes = input.Slice(position + 1, lengthOfLength);
        Require(lengthBytes[0] != 0, "The length prefix has leading zeros (non-canonical).");
        ulong length = 0;
        foreach (var b in lengthBytes)
        {
            length = (length << 8) | b;
        }

        Require(length > 55, "The long form is used for a length of 55 or less (non-canonical).");
        Require(length <= (ulong)(remaining - lengthOfLength), "The item runs past the end of its container.");
        return (int)length;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new RlpException(message);
        }
    }
}
