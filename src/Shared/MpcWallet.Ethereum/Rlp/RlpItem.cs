using MpcWallet.Ethereum.Quantities;

namespace MpcWallet.Ethereum.Rlp;

/// <summary>
/// A decoded (or to-be-encoded) RLP item: either a byte string or a list of items. The typed readers
/// (<see cref="AsUInt256"/>, <see cref="AsUInt64"/>, …) apply Ethereum's canonical rules and throw
/// <see cref="RlpException"/> when the item does not have the expected shape.
/// </summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly RlpItem[]? _items;

    private RlpItem(byte[]? bytes, RlpItem[]? items)
    {
        _bytes = bytes;
        _items = items;
    }

    public bool IsList => _items is not null;

    /// <summary>The byte string's content; throws for a list.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new RlpException("Expected an RLP byte string, found a list.");

    /// <summary>The list's items; throws for a byte string.</summary>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new RlpException("Expected an RLP list, found a byte string.");

    public static RlpItem FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), null);

    public static RlpItem FromList(IEnumerable<RlpItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        if (Array.Exists(array, item => item is null))
        {
            throw new ArgumentException("List items must not be null.", nameof(items));
        }

        return new RlpItem(null, array);
    }

    public static RlpItem FromInteger(UInt256 value) => new(value.ToBigEndianMinimal(), null);

    internal static RlpItem WrapBytes(byte[] bytes) => new(bytes, null);

    internal static RlpItem WrapList(RlpItem[] items) => new(null, items);

    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>The list's items, which must number exactly <paramref name="count"/>.</summary>
    public IReadOnlyList<RlpItem> AsList(int count, string what)
    {
        var items = _items ?? throw new RlpException($"{what}: expected a list, found a byte string.");
        return items.Length == count
            ? items
            : throw new RlpException($"{what}: expected a list of {count} items, found {items.Length}.");
    }

    /// <summary>A canonical RLP integer of at most 256 bits: no leading zero bytes (zero is the empty string).</summary>
    public UInt256 AsUInt256(string what)
    {
        var bytes = IntegerBytes(what, UInt256.ByteLength);
        return UInt256.FromBigEndian(bytes);
    }

    /// <summary>A canonical RLP integer of at most 64 bits.</summary>
    public ulong AsUInt64(string what)
    {
        var bytes = IntegerBytes(what, sizeof(ulong));
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>A byte string of exactly <paramref name="length"/> bytes.</summary>
    public byte[] AsFixedBytes(int length, string what)
    {
        var bytes = _bytes ?? throw new RlpException($"{what}: expected a byte string, found a list.");
        return bytes.Length == length
            ? (byte[])bytes.Clone()
            : throw new RlpException($"{what}: expected {length} bytes, found {bytes.Length}.");
    }

    /// <summary>A byte string of any length.</summary>
    public byte[] AsBytes(string what) =>
        (byte[]?)_bytes?.Clone() ?? throw new RlpException($"{what}: expected a byte string, found a list.");

    private byte[] IntegerBytes(string what, int maxLength)
    {
        var bytes = _bytes ?? throw new RlpException($"{what}: expected an integer, found a list.");
        if (bytes.Length > maxLength)
        {
            throw new RlpException($"{what}: the integer has {bytes.Length} bytes, more than {maxLength}.");
        }

        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new RlpException($"{what}: the integer has a leading zero byte (non-canonical).");
        }

        return bytes;
    }
}
