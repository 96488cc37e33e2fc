using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rlp;

/// <summary>RLP encoding (Yellow Paper appendix B). Output is always canonical.</summary>
public static class RlpEncoder
{
    private const int ShortLimit = 55;
    private const byte StringOffset = 0x80;
    private const byte ListOffset = 0xc0;

    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < StringOffset)
        {
            return [bytes[0]];
        }

        var header = Header(bytes.Length, StringOffset);
        var output = new byte[header.Length + bytes.Length];
        header.CopyTo(output, 0);
        bytes.CopyTo(output.AsSpan(header.Length));
        return output;
    }

    public static byte[] EncodeInteger(UInt256 value) => EncodeBytes(value.ToBigEndianMinimal());

    public static byte[] EncodeInteger(ulong value) => EncodeInteger((UInt256)value);

    /// <summary>Wraps already-encoded items into a list.</summary>
    public static byte[] EncodeList(params IReadOnlyList<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var payloadLength = 0L;
        foreach (var item in encodedItems)
        {
            payloadLength += item.Length;
        }

        if (payloadLength > int.MaxValue - 9)
        {
            throw new ArgumentException("The list is too long to encode.", nameof(encodedItems));
        }

        var header = Header((int)payloadLength, ListOffset);
        var output = new byte[header.Length + payloadLength];
        header.CopyTo(output, 0);
        var position = header.Length;
        foreach (var item in encodedItems)
        {
            item.CopyTo(output, position);
            position += item.Length;
        }

        return output;
    }

    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsList)
        {
            return EncodeBytes(item.Bytes);
        }

        var encoded = new byte[item.Items.Count][];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = Encode(item.Items[i]);
        }

        return EncodeList(encoded);
    }

    private static byte[] Header(int length, byte offset)
    {
        if (length <= ShortLimit)
        {
            return [(byte)(offset + length)];
        }

        var lengthBytes = ((UInt256)(ulong)length).ToBigEndianMinimal();
        var header = new byte[1 + lengthBytes.Length];
        header[0] = (byte)(offset + ShortLimit + lengthBytes.Length);
        lengthBytes.CopyTo(header, 1);
        return header;
    }
}
